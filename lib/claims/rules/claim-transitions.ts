import type { ClaimStatus, InformationRequestKind } from "@/lib/generated/prisma/enums";

export type TransitionResult = { ok: true } | { ok: false; message: string };

export interface TransitionContext {
  /** The kind of request being made (to INFORMATION_REQUESTED) or the one open (from it). */
  requestKind?: InformationRequestKind | null;
  /** The approved claim's bank payment has failed. */
  bankPaymentFailed?: boolean;
  /** The claimant's new bank details have been approved by a second caseworker. */
  newBankDetailsApproved?: boolean;
}

export const TRANSITION_MESSAGES = {
  alreadyDecided: "This claim has already been decided",
  waitingForClaimant: "This claim is waiting for information from the claimant. Record their response before deciding it.",
  alreadyRequested: "Information has already been requested for this claim",
  notWaiting: "This claim is not waiting for information from the claimant",
  noReturnToNew: "A claim cannot go back to New",
  onlyBankDetailsAfterApproval: "Only new bank details can be requested for an approved claim",
  bankPaymentNotFailed: "New bank details can only be requested for an approved claim when its bank payment has failed",
  approvedAwaitingReissue:
    "This claim is already approved. Approve the claimant's new bank details and reissue the payment instead.",
  newBankDetailsNotApproved: "The new bank details must be approved before the payment is reissued",
  awaitingSecondApproval: "This claim is waiting for a second caseworker to approve it or return it",
} as const;

const OK: TransitionResult = { ok: true };
const refuse = (message: string): TransitionResult => ({ ok: false, message });

/** Decisions (approve, reject, request information) are only taken on NEW or UPDATED claims. */
export function canDecide(status: ClaimStatus): boolean {
  return status === "NEW" || status === "UPDATED";
}

export function assertTransition(from: ClaimStatus, to: ClaimStatus, context: TransitionContext = {}): TransitionResult {
  switch (from) {
    case "NEW":
    case "UPDATED":
      return fromUndecided(to);
    case "INFORMATION_REQUESTED":
      return fromInformationRequested(to, context);
    case "APPROVED":
      return fromApproved(to, context);
    case "REJECTED":
      return refuse(TRANSITION_MESSAGES.alreadyDecided);
    case "AWAITING_SECOND_APPROVAL":
      return fromAwaitingSecondApproval(to);
  }
}

/** A second caseworker approves (the payment is then created) or returns the claim with a note. */
function fromAwaitingSecondApproval(to: ClaimStatus): TransitionResult {
  return to === "APPROVED" || to === "UPDATED" ? OK : refuse(TRANSITION_MESSAGES.awaitingSecondApproval);
}

function fromUndecided(to: ClaimStatus): TransitionResult {
  if (to === "APPROVED" || to === "REJECTED" || to === "INFORMATION_REQUESTED" || to === "AWAITING_SECOND_APPROVAL") {
    return OK;
  }
  return refuse(to === "UPDATED" ? TRANSITION_MESSAGES.notWaiting : TRANSITION_MESSAGES.noReturnToNew);
}

function fromInformationRequested(to: ClaimStatus, context: TransitionContext): TransitionResult {
  // A bank-details request raised after a failed payment belongs to an already-decided
  // claim: it goes back to APPROVED by reissuing, never to UPDATED for a second decision.
  const afterFailedPayment = context.requestKind === "BANK_DETAILS" && context.bankPaymentFailed === true;
  switch (to) {
    case "UPDATED":
      return afterFailedPayment ? refuse(TRANSITION_MESSAGES.approvedAwaitingReissue) : OK;
    case "APPROVED":
      if (!afterFailedPayment) return refuse(TRANSITION_MESSAGES.waitingForClaimant);
      return context.newBankDetailsApproved === true ? OK : refuse(TRANSITION_MESSAGES.newBankDetailsNotApproved);
    case "REJECTED":
      return refuse(afterFailedPayment ? TRANSITION_MESSAGES.alreadyDecided : TRANSITION_MESSAGES.waitingForClaimant);
    case "INFORMATION_REQUESTED":
      return refuse(TRANSITION_MESSAGES.alreadyRequested);
    case "NEW":
      return refuse(TRANSITION_MESSAGES.noReturnToNew);
    case "AWAITING_SECOND_APPROVAL":
      return refuse(TRANSITION_MESSAGES.waitingForClaimant);
  }
}

function fromApproved(to: ClaimStatus, context: TransitionContext): TransitionResult {
  if (to !== "INFORMATION_REQUESTED") return refuse(TRANSITION_MESSAGES.alreadyDecided);
  if (context.requestKind !== "BANK_DETAILS") return refuse(TRANSITION_MESSAGES.onlyBankDetailsAfterApproval);
  if (context.bankPaymentFailed !== true) return refuse(TRANSITION_MESSAGES.bankPaymentNotFailed);
  return OK;
}
