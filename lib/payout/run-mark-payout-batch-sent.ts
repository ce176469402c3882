import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { RunLease } from "@/lib/runs/run-lease";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import { finishPayoutRunIfDone } from "./run-finish-payout-run";
import { sendDeliveredPayoutBatch } from "./send-delivered-payout-batch";

/**
 * Step "sent" of the Payout run, for one delivered batch, one fenced transaction: its payments
 * SENT with the batch id, the batch DELIVERED with where and when (the attempt that delivered it),
 * the vouchers' expiry, and the run SUCCEEDED when this was its last batch to send. Returns whether
 * the run finished.
 */
export async function markPayoutBatchSent(options: {
  db: Db;
  lease: RunLease;
  batchId: string;
  voucherValidityDays: number;
  now: Date;
  actor: AuditActor;
}): Promise<boolean> {
  const { db, lease, batchId, voucherValidityDays, now, actor } = options;
  return runPgTransaction(db, lease, async (tx) => {
    const [batch] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "Batch" WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (batch?.status !== "STORED") throw new Error(`Payout batch ${batchId} is ${batch?.status ?? "missing"}, not STORED`);
    const [delivery] = await tx.$queryRaw<{ deliveredAt: Date; target: string }[]>`
      SELECT ("finishedAt" AT TIME ZONE 'UTC') AS "deliveredAt", target FROM "BatchDelivery"
      WHERE "batchId" = ${batchId}::uuid AND outcome IN ('DELIVERED', 'ALREADY_DELIVERED')
      ORDER BY "attemptNo" DESC LIMIT 1`;
    if (!delivery) throw new Error(`Payout batch ${batchId} has no delivery recorded`);
    await sendDeliveredPayoutBatch(tx, {
      batchId,
      runId: lease.runId,
      deliveredAt: delivery.deliveredAt,
      target: delivery.target,
      voucherValidityDays,
      now,
      actor,
    });
    const { finished } = await finishPayoutRunIfDone(tx, lease, { now, actor });
    return finished;
  });
}
