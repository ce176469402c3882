import type pg from "pg";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "./create-db";
import type { Tx } from "./index";

/**
 * The raw-SQL half of a Prisma transaction client: what set-based services (movePayments, the
 * runs' and uploads' staging) need, so the same code runs in a Prisma transaction or on a pg
 * client that can also COPY.
 */
export type SqlTx = Pick<Tx, "$queryRaw" | "$executeRaw">;

/** A transaction on a pg client of the database's own pool: SQL through Prisma.sql, plus COPY. */
export interface PgTx extends SqlTx {
  client: pg.PoolClient;
}

type RawArgs = [TemplateStringsArray | Prisma.Sql, ...unknown[]];

function toSql(args: RawArgs): Prisma.Sql {
  const [first, ...values] = args;
  return first instanceof Prisma.Sql ? first : Prisma.sql(first as TemplateStringsArray, ...values);
}

function pgTx(client: pg.PoolClient): PgTx {
  const query = async (args: RawArgs) => {
    const sql = toSql(args);
    return client.query(sql.text, sql.values as unknown[]);
  };
  return {
    client,
    $queryRaw: (async (...args: RawArgs) => (await query(args)).rows) as unknown as SqlTx["$queryRaw"],
    $executeRaw: (async (...args: RawArgs) => (await query(args)).rowCount ?? 0) as unknown as SqlTx["$executeRaw"],
  };
}

/**
 * Runs `work` in one transaction on a connection from the client's pool, committing when it
 * resolves and rolling back when it throws. `timeoutMs` bounds each statement (the work decides
 * how long its own steps may take; there is no fixed wall for a million rows).
 */
export async function withPgTransaction<T>(
  db: PrismaClient,
  work: (tx: PgTx) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  const client = await poolOf(db).connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    if (options.statementTimeoutMs) await client.query(`SET LOCAL statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
    const result = await work(pgTx(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
