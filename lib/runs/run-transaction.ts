import type { Db, Tx } from "@/lib/db";
import { LeaseLostError, type RunLease } from "./run-lease";

// Every database write a run makes goes through here: one transaction per step, so a crash leaves
// a step wholly done or not done at all, and each step starts by locking the run row and checking
// the lease is still this worker's. A stale worker's step therefore changes nothing, and two
// workers' steps on one run never interleave.

/** A step may lock and write a few thousand rows; Prisma's 5-second default is for requests. */
const STEP_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export async function runTransaction<T>(db: Db, lease: RunLease, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await assertLeaseHeld(tx, lease);
    return fn(tx);
  }, STEP_TRANSACTION);
}

export async function assertLeaseHeld(tx: Tx, lease: RunLease): Promise<void> {
  const [row] = await tx.$queryRaw<{ status: string; attempts: number }[]>`
    SELECT status::text AS status, attempts FROM "Run" WHERE id = ${lease.runId}::uuid FOR UPDATE`;
  if (!row || row.status !== "RUNNING" || row.attempts !== lease.attempt) {
    throw new LeaseLostError(lease.runId, lease.attempt, row);
  }
}
