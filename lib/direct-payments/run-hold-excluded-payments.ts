import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { movePayments } from "@/lib/payments/move-payments";
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
  // The rows are locked by the selection and were NEW with no hold, so none is missed.
  await movePayments(tx, {
    transition: "hold",
    mover: "SYSTEM",
    ids: exclusions.map((e) => e.paymentId),
    reasons: exclusions.map((e) => e.reason),
    details: exclusions.map((e) => `${holdReasonLabels[e.reason]} (${e.detail})`),
    extras: exclusions.map((e) => ({ detail: e.detail })),
    actor,
    now,
    source: { runId },
    timelineActorId: null,
  });
  return exclusions.map((e) => ({
    kind: "PAYMENT_HELD",
    paymentId: e.paymentId,
    reference: e.reference,
    reason: e.reason,
    detail: e.detail,
  }));
}
