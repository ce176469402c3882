import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { checkVoidReason, VOID_REASON_MAX } from "@/lib/batches/void-batch";
import { AppError } from "@/lib/errors";
import {
  lockPayoutBatch,
  returnPayoutBatchInTransaction,
  SETTLE_TRANSACTION,
  whyPayoutBatchCannotBeReturned,
} from "./return-payout-batch";
import { sendDeliveredPayoutBatch } from "./send-delivered-payout-batch";

// A batch whose delivery cannot be known (DELIVERY_UNCERTAIN: an attempt reached the rename, and
// the final file is not on the server now) is settled by an admin with the Post Office
// (docs/runs.md#delivery-and-its-retries). "Confirm delivered": its payments become SENT as after a
// delivery, dated by the attempt that renamed it. "Return to NEW", with a reason: the batch is void
// and its payments wait for the next run's new file. Nothing is ever resent automatically.

export type UncertainDeliveryDecision = "CONFIRM_DELIVERED" | "RETURN_TO_NEW";

export async function settleUncertainDelivery(options: {
  db: Db;
  batchId: string;
  decision: UncertainDeliveryDecision;
  /** Required to return to NEW (5 to 500 characters); an optional note when confirming. */
  reason: string;
  actor: { id: string; email: string };
  now: Date;
  voucherValidityDays: number;
}): Promise<{ batchId: string; status: "DELIVERED" | "VOID"; payments: number }> {
  const { db, batchId, decision, actor, now, voucherValidityDays } = options;
  const reason = checkedReason(decision, options.reason);

  return db.$transaction(async (tx) => {
    const batch = await lockPayoutBatch(tx, batchId);
    if (!batch) throw new AppError("NOT_FOUND", "Batch not found");
    if (batch.method !== "CASH" || batch.status !== "DELIVERY_UNCERTAIN") {
      throw new AppError("INVALID_STATE", "Only a Payout batch whose delivery is uncertain can be settled this way.");
    }
    const refusal = whyPayoutBatchCannotBeReturned(batch);
    if (refusal) throw new AppError("INVALID_STATE", refusal);

    if (decision === "RETURN_TO_NEW") {
      const { returned } = await returnPayoutBatchInTransaction(tx, { batch, reason: reason!, actor, now });
      return { batchId, status: "VOID" as const, payments: returned };
    }

    // The attempt that reached the rename: the file went (if it went) then.
    const [renamed] = await tx.$queryRaw<{ at: Date; target: string; attemptNo: number }[]>`
      SELECT ("startedAt" AT TIME ZONE 'UTC') AS at, target, "attemptNo" FROM "BatchDelivery"
      WHERE "batchId" = ${batchId}::uuid AND outcome IN ('RENAMING', 'UNCERTAIN')
      ORDER BY "attemptNo" LIMIT 1`;
    if (!renamed) throw new Error(`uncertain batch ${batchId} has no attempt that reached the rename`);
    const sent = await sendDeliveredPayoutBatch(tx, {
      batchId,
      runId: batch.runId,
      deliveredAt: renamed.at,
      target: renamed.target,
      voucherValidityDays,
      now,
      actor,
    });
    await recordAudit(tx, {
      actor,
      action: "batch.delivery-confirmed",
      entityType: "Batch",
      entityId: batchId,
      before: { status: "DELIVERY_UNCERTAIN" },
      after: {
        status: "DELIVERED",
        deliveredAt: renamed.at.toISOString(),
        attemptNo: renamed.attemptNo,
        payments: sent.count,
        totalPence: sent.totalPence,
        voucherExpiresOn: sent.voucherExpiresOn,
        ...(reason ? { reason } : {}),
      },
    });
    return { batchId, status: "DELIVERED" as const, payments: sent.count };
  }, SETTLE_TRANSACTION);
}

function checkedReason(decision: UncertainDeliveryDecision, reason: string): string | null {
  if (decision === "RETURN_TO_NEW") {
    const checked = checkVoidReason(reason);
    if (!checked.ok) throw new AppError("VALIDATION", checked.message, { reason: [checked.message] });
    return checked.reason;
  }
  const note = reason.trim();
  if (note.length > VOID_REASON_MAX) {
    const message = `Keep the note to ${VOID_REASON_MAX} characters or fewer`;
    throw new AppError("VALIDATION", message, { reason: [message] });
  }
  return note === "" ? null : note;
}
