import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Every Prisma client is built here on a pg pool we own, so that work Prisma cannot do (COPY, a
// transaction that streams) can borrow a connection to the same database: poolOf(db). The pool
// rides on the client under a registered symbol, not in a module-level map: Next's bundles may
// load this module more than once, and each copy must find the pool of a client another made.

const POOL = Symbol.for("disburse.pgPool");

type WithPool = PrismaClient & { [POOL]?: pg.Pool };

export function createDb(connectionString: string | undefined): PrismaClient {
  const pool = new pg.Pool({ connectionString });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) }) as WithPool;
  Object.defineProperty(db, POOL, { value: pool, enumerable: false });
  return db;
}

/** The pool under a client made by createDb. */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = (db as WithPool)[POOL];
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createDb (lib/db/create-db.ts)");
  return pool;
}
