import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { finishRun } from "@/lib/runs/finish-run";
import type { RunLease } from "@/lib/runs/run-lease";

/** What is left of a Payout run: batches still to deliver, waiting for an admin, and delivered. */
export interface PayoutRunProgress {
  pending: number;
  uncertain: { batchId: string; fileName: string | null }[];
  delivered: number;
  paymentCount: number;
  totalPence: number;
}

/**
 * In the step's fenced transaction: the run SUCCEEDED once every batch that is not void is
 * DELIVERED (its payments SENT), with the count and total of what was sent. Otherwise nothing
 * changes and the caller learns what is left.
 */
export async function finishPayoutRunIfDone(
  tx: SqlTx,
  lease: RunLease,
  options: { now: Date; actor: AuditActor },
): Promise<{ finished: boolean; progress: PayoutRunProgress }> {
  const batches = await tx.$queryRaw<
    { id: string; status: string; fileName: string | null; paymentCount: number; totalPence: string }[]
  >`
    SELECT b.id, b.status::text AS status, f."fileName", b."paymentCount", b."totalPence"::text AS "totalPence"
    FROM "Batch" b LEFT JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'PAYOUT_CSV'
    WHERE b."runId" = ${lease.runId}::uuid AND b.status <> 'VOID'
    ORDER BY b."sequenceNo", b.id`;
  const delivered = batches.filter((b) => b.status === "DELIVERED");
  const progress: PayoutRunProgress = {
    pending: batches.filter((b) => b.status === "OPEN" || b.status === "STORED").length,
    uncertain: batches.filter((b) => b.status === "DELIVERY_UNCERTAIN").map((b) => ({ batchId: b.id, fileName: b.fileName })),
    delivered: delivered.length,
    paymentCount: delivered.reduce((n, b) => n + b.paymentCount, 0),
    totalPence: delivered.reduce((n, b) => n + Number(b.totalPence), 0),
  };
  if (progress.pending > 0 || progress.uncertain.length > 0 || progress.delivered === 0) return { finished: false, progress };
  await finishRun(tx, lease, {
    status: "SUCCEEDED",
    now: options.now,
    actor: options.actor,
    paymentCount: progress.paymentCount,
    totalPence: progress.totalPence,
  });
  return { finished: true, progress };
}
