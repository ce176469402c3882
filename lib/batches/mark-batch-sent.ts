import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { refreshNeedsAttention } from "@/lib/payments/payment-holds";
import { AppError } from "@/lib/errors";
import type { RunWarning } from "../runs/run-warnings";

// NEW -> SENT for every payment on the batch's live lines, and the batch to STORED (bank files in
// the store) or DELIVERED (Payout, after the SFTP rename). All of them or none: a payment that is no
// longer NEW was cancelled after the run wrote it into files that are already stored, so sending
// the others would leave a file that pays it; the step fails loudly instead and changes nothing.

interface LinePayment {
  id: string;
  reference: string;
  status: string;
  holdReason: string | null;
  claimId: string;
  claimantId: string;
  amountPence: number;
}

export async function markBatchSent(
  tx: Tx,
  options: { batchId: string; batchStatus: "STORED" | "DELIVERED"; now: Date; actor: AuditActor; runId: string },
): Promise<{ count: number; totalPence: number; heldAfterSelection: RunWarning[] }> {
  const { batchId, batchStatus, now, actor, runId } = options;
  const payments = await tx.$queryRaw<LinePayment[]>`
    SELECT p.id, p.reference, p.status::text AS status, p."holdReason"::text AS "holdReason", p."claimId",
           c."claimantId", p."amountPence"
    FROM "FileLine" l
    JOIN "Payment" p ON p.id = l."paymentId"
    JOIN "Claim" c ON c.id = p."claimId"
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"
    ORDER BY l."lineNo"
    FOR UPDATE OF p`;
  if (payments.length === 0) throw new Error(`batch ${batchId} has no live lines`);

  const changed = payments.filter((p) => p.status !== "NEW");
  if (changed.length > 0) {
    const list = changed.map((p) => `${p.reference} (${p.status.toLowerCase()})`).join(", ");
    throw new AppError(
      "INVALID_STATE",
      `Cannot mark batch ${batchId} sent: ${list} changed after the run wrote the files. ` +
        "The stored files still pay them: void the batch so its other payments go in a new run.",
    );
  }

  const ids = payments.map((p) => p.id);
  const { count } = await tx.payment.updateMany({
    where: { id: { in: ids }, status: "NEW" },
    data: { status: "SENT", sentAt: now, holdReason: null },
  });
  if (count !== payments.length) throw new Error(`marked ${count} of ${payments.length} payments of batch ${batchId} sent`);
  await tx.batch.update({ where: { id: batchId }, data: { status: batchStatus } });

  // The files were written before the hold arrived, with the details approved at that time
  // (docs/domain.md#bank-details): they are sent as written, and the run says so.
  const heldAfterSelection: RunWarning[] = payments
    .filter((p) => p.holdReason !== null)
    .map((p) => ({ kind: "HELD_AFTER_SELECTION", paymentId: p.id, reference: p.reference, reason: p.holdReason! }));
  for (const claimantId of new Set(payments.filter((p) => p.holdReason !== null).map((p) => p.claimantId))) {
    await refreshNeedsAttention(tx, claimantId);
  }

  for (const p of payments) {
    await addClaimEvent(tx, {
      claimId: p.claimId,
      kind: "payment.sent",
      summary: `Payment ${p.reference} sent`,
      detail: { runId, batchId },
      at: now,
    });
    await recordAudit(tx, {
      actor,
      action: "payment.sent",
      entityType: "Payment",
      entityId: p.id,
      before: { status: "NEW", holdReason: p.holdReason },
      after: { status: "SENT", runId, batchId },
    });
  }
  const totalPence = payments.reduce((sum, p) => sum + p.amountPence, 0);
  return { count, totalPence, heldAfterSelection };
}
