import type { PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "@/lib/db/create-db";

/**
 * One rotation at a time: a session-level advisory lock on a connection of its own, held while the
 * batches commit on others, then released. A crash or Ctrl-C closes the connection and the lock
 * ends with its session, so an interrupted rotation never blocks the rerun that resumes it.
 */
export async function withRotationLock<T>(db: PrismaClient, work: () => Promise<T>): Promise<T | "BUSY"> {
  const client = await poolOf(db).connect();
  let locked = false;
  let broken = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`);
    locked = rows[0]?.locked === true;
    if (!locked) return "BUSY";
    return await work();
  } finally {
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {
        broken = true;
      });
    }
    client.release(broken);
  }
}

/** The lock's key, for a test (or an operator's psql) to hold it: SELECT pg_advisory_lock(<this>). */
export const LOCK_KEY = "hashtext('bank-key-rotation')";
