import pg from "pg";

/** Every text-like column of every table, as one string: what a database dump would reveal. */
export async function everyStoredText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query(`SELECT row_to_json(t)::text AS j FROM ${client.escapeIdentifier(table_name)} t`);
      for (const r of rows) parts.push(r.j);
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
