import type pg from "pg";
import type { Db } from "@/lib/db";
import { poolOf } from "@/lib/db/create-db";

/**
 * Runs `work` in a READ ONLY, REPEATABLE READ transaction on a connection of the database's own
 * pool (COPY needs a pg client), and always rolls it back. PostgreSQL itself then refuses any
 * write, a temporary table and SELECT … FOR UPDATE; every statement of `work` sees one snapshot,
 * so the preview's counts agree with each other.
 */
export async function withReadOnlyTransaction<T>(
  db: Db,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  const client = await poolOf(db).connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (options.statementTimeoutMs) await client.query(`SET LOCAL statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
    return await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}
