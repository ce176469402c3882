import type { Db } from "@/lib/db";
import { LeaseLostError, leaseEnd, type RunLease } from "./run-lease";

/** Extends the lease before a long step, so a slow but live worker is not taken over. */
export async function heartbeat(options: { db: Db; lease: RunLease; now: Date }): Promise<void> {
  const { db, lease, now } = options;
  const { count } = await db.run.updateMany({
    where: { id: lease.runId, status: "RUNNING", attempts: lease.attempt },
    data: { leaseUntil: leaseEnd(now, lease.leaseMs) },
  });
  if (count === 0) {
    const found = await db.run.findUnique({ where: { id: lease.runId }, select: { status: true, attempts: true } });
    throw new LeaseLostError(lease.runId, lease.attempt, found ?? undefined);
  }
}
