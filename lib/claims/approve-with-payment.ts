import type { Tx } from "@/lib/db";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatPence } from "@/lib/money";
import type { LineOutcome } from "@/lib/notify/claimant-messages";
import { recordPaymentsCreated } from "../payments/move-payments";
import { pendingPersonChangeHold, refreshNeedsAttention } from "../payments/payment-holds";
import type { StatusChange } from "./change-claim-status";
import type { Caseworker } from "./claim-change";
import type { LockedClaim } from "./lock-claim";
import { lineOutcomes } from "./rules/decide-lines-outcomes";
import { paymentForApproval } from "./rules/payment-for-approval";

export type ApprovedOutcome = {
  outcome: "APPROVED";
  approvedTotalPence: number;
  payment: { id: string; reference: string; holdReason: string | null };
};

/**
 * The approval that makes money move: the claim's payment for the approved total, created in the
 * caller's transaction (so never an approved claim without its payment, nor a payment without its
 * approval), and the APPROVED change with the claimant's message. One approval by one caseworker
 * and a second approval of a claim above the threshold both end here, so they pay the same way.
 */
export async function approveWithPayment(
  tx: Tx,
  options: {
    claim: LockedClaim;
    key: Buffer;
    approvedTotalPence: number;
    actor: Caseworker;
    /** The timeline entry's kind (also the audit action) and the start of its summary. */
    event: { kind: string; summary: string };
    /** Extra fields for the claim update, e.g. who approved first. */
    claimUpdate?: { firstApprovedById: string; firstApprovedAt: Date };
    /** Each line's outcome for the claimant's message; by default the claim's stored decisions (a second approval). */
    lines?: LineOutcome[];
    audit: Prisma.InputJsonObject;
    /** When the payment was created, if not now (the demo seed's history). */
    now?: Date;
  },
): Promise<StatusChange<ApprovedOutcome>> {
  const { claim, key, approvedTotalPence, actor } = options;
  const claimant = claim.claimant;
  const pending = await tx.bankDetailChange.count({ where: { claimantId: claimant.id, status: "PENDING" } });
  const planned = paymentForApproval({
    claimReference: claim.reference,
    paymentMethod: claim.paymentMethod,
    approvedTotalPence,
    existingPaymentReferences: claim.payments.map((p) => p.reference),
    bankDetails: claimant.bankDetails ? decryptBankDetails(claimant.bankDetails.ciphertext, key) : null,
    hasPendingBankDetailsChange: pending > 0,
  });
  if (!planned.ok) throw new AppError("INVALID_STATE", planned.message);

  const holdReason = planned.payment.holdReason ?? (await pendingPersonChangeHold(tx, claimant.id));
  const payment = await tx.payment.create({
    data: {
      ...planned.payment,
      holdReason,
      personId: claimant.id,
      claimId: claim.id,
      createdAt: options.now,
      updatedAt: options.now,
    },
  });
  await recordPaymentsCreated(tx, { ids: [payment.id], action: "payment.created", actor, now: payment.createdAt });
  if (payment.holdReason) await refreshNeedsAttention(tx, claimant.id);
  const total = formatPence(approvedTotalPence);
  const lines = options.lines ?? lineOutcomes(claim.expenses);
  return {
    claim: { ...options.claimUpdate, status: "APPROVED", informationRequestKind: null, rejectionReason: null },
    event: {
      kind: options.event.kind,
      summary: `${options.event.summary} ${total}: payment ${payment.reference} created${payment.holdReason ? " (on hold)" : ""}`,
      detail: { paymentId: payment.id, paymentReference: payment.reference, amountPence: payment.amountPence },
    },
    message: { kind: "CLAIM_APPROVED", data: { claimReference: claim.reference, amountPence: approvedTotalPence, lines } },
    audit: {
      ...options.audit,
      payment: { id: payment.id, reference: payment.reference, amountPence: payment.amountPence, holdReason: payment.holdReason },
    },
    result: {
      outcome: "APPROVED",
      approvedTotalPence,
      payment: { id: payment.id, reference: payment.reference, holdReason: payment.holdReason },
    },
  };
}
