import type { Db } from "@/lib/db";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import { formatPence } from "@/lib/money";
import { recordPaymentsCreated } from "../payments/move-payments";
import { refreshNeedsAttention } from "../payments/payment-holds";
import { changeClaimStatus, type StatusChange } from "./change-claim-status";
import { validationError, type Caseworker } from "./claim-change";
import { decideLinesFromForm, type FormFieldReader } from "./rules/decide-lines-form";
import { paymentForApproval } from "./rules/payment-for-approval";
import { rejectionReasonLabel } from "./rules/rejection-reasons";

export type DecisionOutcome =
  | { outcome: "APPROVED"; approvedTotalPence: number; payment: { id: string; reference: string; holdReason: string | null } }
  | { outcome: "REJECTED"; reason: string };

/**
 * Submits the caseworker's line-by-line decision. Approval creates the payment in the same
 * transaction, so there is never an approved claim without its payment or a payment without
 * its approval; the claim row lock and version make a double submit decide once.
 */
export async function decideClaim(options: {
  db: Db;
  key: Buffer;
  reference: string;
  expectedVersion: number;
  read: FormFieldReader;
  actor: Caseworker;
}): Promise<DecisionOutcome> {
  const { db, key, reference, expectedVersion, read, actor } = options;
  return changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    decide: async (tx, claim): Promise<StatusChange<DecisionOutcome>> => {
      const decided = decideLinesFromForm(
        claim.expenses.map((l) => ({ id: l.id, claimedPence: l.claimedPence })),
        read,
      );
      if (!decided.ok) throw validationError(decided.errors);
      for (const line of decided.lines) {
        await tx.expenseLine.update({
          where: { id: line.id },
          data: { decision: line.decision, approvedPence: line.approvedPence, decisionNote: line.note },
        });
      }
      const lines = decided.lines.map((l) => ({ ...l }));
      const claimant = claim.claimant;

      if (decided.outcome === "REJECTED") {
        const reason = rejectionReasonLabel(decided.reason);
        return {
          claim: { status: "REJECTED", rejectionReason: reason, informationRequestKind: null },
          event: { kind: "claim.rejected", summary: `Rejected: every line rejected (${reason})` },
          message: { kind: "CLAIM_REJECTED", data: { claimReference: reference, reason } },
          audit: { reason, lines },
          result: { outcome: "REJECTED", reason },
        };
      }

      const pending = await tx.bankDetailChange.count({ where: { claimantId: claimant.id, status: "PENDING" } });
      const planned = paymentForApproval({
        claimReference: reference,
        paymentMethod: claim.paymentMethod,
        approvedTotalPence: decided.approvedTotalPence,
        existingPaymentReferences: claim.payments.map((p) => p.reference),
        bankDetails: claimant.bankDetails ? decryptBankDetails(claimant.bankDetails.ciphertext, key) : null,
        hasPendingBankDetailsChange: pending > 0,
      });
      if (!planned.ok) throw new AppError("INVALID_STATE", planned.message);

      const payment = await tx.payment.create({ data: { ...planned.payment, personId: claimant.id, claimId: claim.id } });
      await recordPaymentsCreated(tx, { ids: [payment.id], action: "payment.created", actor, now: payment.createdAt });
      if (payment.holdReason) await refreshNeedsAttention(tx, claimant.id);
      const total = formatPence(decided.approvedTotalPence);
      return {
        claim: { status: "APPROVED", informationRequestKind: null, rejectionReason: null },
        event: {
          kind: "claim.approved",
          summary: `Approved ${total}: payment ${payment.reference} created${payment.holdReason ? " (on hold)" : ""}`,
          detail: { paymentId: payment.id, paymentReference: payment.reference, amountPence: payment.amountPence },
        },
        message: { kind: "CLAIM_APPROVED", data: { claimReference: reference, amountPence: decided.approvedTotalPence } },
        audit: {
          lines,
          payment: {
            id: payment.id,
            reference: payment.reference,
            amountPence: payment.amountPence,
            holdReason: payment.holdReason,
          },
        },
        result: {
          outcome: "APPROVED",
          approvedTotalPence: decided.approvedTotalPence,
          payment: { id: payment.id, reference: payment.reference, holdReason: payment.holdReason },
        },
      };
    },
  });
}
