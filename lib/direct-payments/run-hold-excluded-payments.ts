import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { refreshNeedsAttention } from "@/lib/payments/payment-holds";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import type { RunWarning } from "@/lib/runs/run-warnings";

// A payment the file cannot carry (bad bank details, a name empty after cleaning) is put on hold
// with the reason instead of blocking the run: the claim shows under "needs attention" for a
// caseworker, the run lists it, and once the hold is cleared the next run picks it up.

export interface Exclusion {
  paymentId: string;
  reference: string;
  claimId: string;
  claimantId: string;
  reason: HoldReason;
  detail: string;
}

export async function holdExcludedPayments(
  tx: Tx,
  options: { exclusions: readonly Exclusion[]; runId: string; now: Date; actor: AuditActor },
): Promise<RunWarning[]> {
  const { exclusions, runId, now, actor } = options;
  for (const e of exclusions) {
    // The row is locked by the selection and was NEW with no hold, so this cannot miss.
    await tx.payment.update({ where: { id: e.paymentId }, data: { holdReason: e.reason } });
    await addClaimEvent(tx, {
      claimId: e.claimId,
      kind: "payment.held",
      summary: `Payment ${e.reference} on hold: ${holdReasonLabels[e.reason]} (${e.detail})`,
      detail: { runId, reason: e.reason },
      at: now,
    });
    await recordAudit(tx, {
      actor,
      action: "payment.held",
      entityType: "Payment",
      entityId: e.paymentId,
      before: { holdReason: null },
      after: { holdReason: e.reason, detail: e.detail, runId },
    });
  }
  for (const claimantId of new Set(exclusions.map((e) => e.claimantId))) await refreshNeedsAttention(tx, claimantId);
  return exclusions.map((e) => ({
    kind: "PAYMENT_HELD",
    paymentId: e.paymentId,
    reference: e.reference,
    reason: e.reason,
    detail: e.detail,
  }));
}
