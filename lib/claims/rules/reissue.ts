import type { ClaimStatus } from "@/lib/generated/prisma/enums";
/**
 * When a failed bank payment may be paid again (docs/domain.md#reissuing-a-failed-payment): the
 * claim went back to the caseworker for new bank details; once a second caseworker has approved
 * details given after the failure, the caseworker reissues the same amount as a new payment linked
 * to the old one.
 */

export interface ReissueFacts {
  claimStatus: ClaimStatus;
  informationRequestKind: "GENERAL" | "BANK_DETAILS" | null;
  failedPayment: { status: string; failedAt: Date | null; replacedBy: boolean };
  /** Another payment of the claim is NEW, SENT or PAID. */
  hasLivePayment: boolean;
  hasPendingBankDetailsChange: boolean;
  /** When a second caseworker approved the claimant's current bank details; null if they never did. */
  bankDetailsApprovedAt: Date | null;
  /** Why the current details cannot be paid to, in words (see describeBankDetailsProblem); null if they can. */
  bankDetailsProblem: string | null;
}

export const REISSUE_MESSAGES = {
  notFailed: (status: string) => `Only a failed payment can be reissued; this payment is ${status.toLowerCase()}.`,
  alreadyReplaced: "This payment has already been reissued.",
  claimNotWaiting: "A payment can only be reissued on an approved claim whose payment failed.",
  waitingForOtherInformation:
    "This claim is waiting for other information from the claimant. Record their response before reissuing the payment.",
  livePayment: "This claim already has a payment that is waiting to be sent, sent or paid, so another cannot be made.",
  pendingChange:
    "New bank details are waiting for a second caseworker to approve them. They must be approved before the payment is reissued.",
  noNewDetails:
    "The payment failed, so the claimant's bank details must be replaced first: propose new details, and have a second caseworker approve them, before reissuing.",
  badDetails: (problem: string) =>
    `The claimant's approved bank details cannot be paid to: ${problem}. Propose corrected details for a second caseworker to approve.`,
} as const;

/** Null when the payment may be reissued; otherwise what the caseworker must do first. */
export function reissueProblem(facts: ReissueFacts): string | null {
  const { failedPayment } = facts;
  if (failedPayment.status !== "FAILED") return REISSUE_MESSAGES.notFailed(failedPayment.status);
  if (failedPayment.replacedBy) return REISSUE_MESSAGES.alreadyReplaced;

  const status = facts.claimStatus;
  if (status === "INFORMATION_REQUESTED" && facts.informationRequestKind !== "BANK_DETAILS") {
    return REISSUE_MESSAGES.waitingForOtherInformation;
  }
  if (status !== "INFORMATION_REQUESTED" && status !== "UPDATED" && status !== "APPROVED")
    return REISSUE_MESSAGES.claimNotWaiting;
  if (facts.hasLivePayment) return REISSUE_MESSAGES.livePayment;
  if (facts.hasPendingBankDetailsChange) return REISSUE_MESSAGES.pendingChange;

  // The details the payment bounced from were approved before it failed; only a later approval
  // means someone has looked at new ones. An unknown failure time still needs an approval.
  const approvedAt = facts.bankDetailsApprovedAt;
  const failedAt = failedPayment.failedAt;
  if (approvedAt === null || (failedAt !== null && approvedAt.getTime() <= failedAt.getTime()))
    return REISSUE_MESSAGES.noNewDetails;
  if (facts.bankDetailsProblem !== null) return REISSUE_MESSAGES.badDetails(facts.bankDetailsProblem);
  return null;
}
