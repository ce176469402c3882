import type { PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "./create-db";

/**
 * Runs `work` while holding a session-level advisory lock on a connection of its own, or returns
 * "BUSY" without waiting when someone else holds it. The work's own statements run on other
 * connections (each may commit); the lock is released at the end, and a connection that cannot
 * release it is closed instead of going back to the pool, so the lock ends with its session. A
 * crash or Ctrl-C closes the connection too: an interrupted job never blocks the one that resumes it.
 * `name` is hashed by PostgreSQL (hashtext), so an operator can hold the same lock from psql.
 */
export async function withSessionAdvisoryLock<T>(db: PrismaClient, name: string, work: () => Promise<T>): Promise<T | "BUSY"> {
  const client = await poolOf(db).connect();
  let locked = false;
  let broken = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [name]);
    locked = rows[0]?.locked === true;
    if (!locked) return "BUSY";
    return await work();
  } finally {
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]).catch(() => {
        broken = true;
      });
    }
    client.release(broken);
  }
}
