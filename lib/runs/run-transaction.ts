import type { Db } from "@/lib/db";
import { withPgTransaction, type PgTx, type SqlTx } from "@/lib/db/pg-transaction";
import { LeaseLostError, type RunLease } from "./run-lease";

// Every database write a run makes goes through here: one transaction per step, so a crash leaves
// a step wholly done or not done at all, and each step starts by locking the run row and checking
// the lease is still this worker's. A stale worker's step therefore changes nothing, and two
// workers' steps on one run never interleave.

/**
 * A step's transaction, on a pg client of the database's own pool (set-based SQL and COPY, since a
 * step's work grows with the number of payments), with no wall on the transaction as a whole.
 * Each statement may run as long as the lease (by default): a step that takes longer than that has
 * lost its run to a take-over anyway, and must not hold the run row's lock for ever.
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
