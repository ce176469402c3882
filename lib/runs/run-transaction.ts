import type { Db, Tx } from "@/lib/db";
import { withPgTransaction, type PgTx, type SqlTx } from "@/lib/db/pg-transaction";
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

/**
 * runTransaction on a pg client of the same pool, for steps whose work grows with the number of
 * payments: set-based SQL and COPY, with no wall on the transaction as a whole. Each statement may
 * run as long as the lease (by default): a step that takes longer than that has lost its run to a
 * take-over anyway, and must not hold the run row's lock for ever.
 */
export async function runPgTransaction<T>(
  db: Db,
  lease: RunLease,
  work: (tx: PgTx) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  return withPgTransaction(
    db,
    async (tx) => {
      await assertLeaseHeld(tx, lease);
      return work(tx);
    },
    { statementTimeoutMs: options.statementTimeoutMs ?? lease.leaseMs },
  );
}

export async function assertLeaseHeld(tx: SqlTx, lease: RunLease): Promise<void> {
  const [row] = await tx.$queryRaw<{ status: string; attempts: number }[]>`
    SELECT status::text AS status, attempts FROM "Run" WHERE id = ${lease.runId}::uuid FOR UPDATE`;
  if (!row || row.status !== "RUNNING" || row.attempts !== lease.attempt) {
    throw new LeaseLostError(lease.runId, lease.attempt, row);
  }
}
