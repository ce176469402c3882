import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Every Prisma client is built here on a pg pool we own, so that work Prisma cannot do (COPY, a
// transaction that streams) can borrow a connection to the same database: poolOf(db).

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createDb(connectionString: string | undefined): PrismaClient {
  const pool = new pg.Pool({ connectionString });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, pool);
  return db;
}

/** The pool under a client made by createDb. */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createDb (lib/db/create-db.ts)");
  return pool;
}
