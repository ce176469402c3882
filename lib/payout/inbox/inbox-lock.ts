import type { Db } from "@/lib/db";
import { poolOf } from "@/lib/db/create-db";

/**
 * One inbox fetch at a time: two (a slow run overlapping the next cron call) would read the same
 * file and race to move it. The same bytes would not be applied twice (the second import is a
 * DUPLICATE), but one of them would fail its move for nothing. A session-level advisory lock on a
 * connection of its own, held for the fetch, then released; a connection that cannot release it is
 * closed instead of going back to the pool, and the lock ends with its session. (There is no Run
 * kind for the inbox: the schema has only the payment runs' kinds.)
 */
export async function withInboxLock<T>(db: Db, work: () => Promise<T>): Promise<T | "BUSY"> {
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

const LOCK_KEY = "hashtext('payout-inbox')";
