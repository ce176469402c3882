import pg from "pg";

/**
 * Counts the statements this process sends to PostgreSQL while `work` runs, at the pg driver's
 * level (every Client.query, whoever calls it: Prisma's adapter, a COPY stream, a raw pg client),
 * so a test can assert that a run or an upload takes a fixed number of statements whatever the
 * number of rows. Not re-entrant: one count at a time per process.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number; texts: string[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const texts: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    texts.push(typeof first === "string" ? first : (first?.text ?? "(submittable)"));
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, statements: texts.length, texts };
  } finally {
    proto.query = original;
  }
}
