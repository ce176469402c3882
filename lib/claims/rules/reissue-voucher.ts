import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { REISSUE_MESSAGES } from "./reissue";

/**
 * When a Post Office voucher that was never cashed may be replaced
 * (docs/domain.md#reissuing-an-expired-voucher): the voucher expired, or the Post Office cancelled
 * it, and nothing has replaced it yet. The caseworker either sends a new voucher (the next Payout
 * run takes it) or, when the claimant has approved bank details that can be paid to, pays by bank
 * transfer instead.
 */

export type ReissueMethod = "CASH" | "BANK";

export interface VoucherReissueFacts {
  claimStatus: ClaimStatus;
  voucher: {
    method: "BANK" | "CASH";
    status: string;
    /** The reconciliation gave it a status date: only the Post Office's outcomes have one. */
    reportedByPostOffice: boolean;
    replacedBy: boolean;
  };
  /** Another payment of the claim is NEW, SENT, PAID or CASHED. */
  hasLivePayment: boolean;
  /** For a switch to bank: the claimant's current (approved) bank details, if any. */
  hasBankDetails: boolean;
  hasPendingBankDetailsChange: boolean;
  /** Why the current details cannot be paid to, in words; null if they can (or there are none). */
  bankDetailsProblem: string | null;
}

export const VOUCHER_REISSUE_MESSAGES = {
  notVoucher: "Only a Post Office voucher that expired, or that the Post Office cancelled, can be reissued this way.",
  notEnded: (status: string) =>
    `Only an expired or cancelled voucher can be reissued; this voucher is ${status === "SENT" ? "still valid" : status.toLowerCase()}.`,
  alreadyReplaced: REISSUE_MESSAGES.alreadyReplaced,
  claimNotApproved: "A voucher can only be reissued on an approved claim.",
  livePayment: REISSUE_MESSAGES.livePayment,
  noBankDetails:
    "The claimant has no approved bank details, so the payment cannot be switched to a bank transfer. Send a new voucher instead.",
  pendingChange:
    "New bank details are waiting for a second caseworker to approve them. Switch to a bank transfer once they are decided, or send a new voucher.",
  badDetails: (problem: string) =>
    `The claimant's approved bank details cannot be paid to: ${problem}. Send a new voucher instead.`,
} as const;

/** Null when the voucher may be replaced by a payment of `method`; otherwise why not, in words. */
export function voucherReissueProblem(facts: VoucherReissueFacts, method: ReissueMethod): string | null {
  const { voucher } = facts;
  if (voucher.method !== "CASH" || !voucher.reportedByPostOffice) return VOUCHER_REISSUE_MESSAGES.notVoucher;
  if (voucher.status !== "EXPIRED" && voucher.status !== "CANCELLED") return VOUCHER_REISSUE_MESSAGES.notEnded(voucher.status);
  if (voucher.replacedBy) return VOUCHER_REISSUE_MESSAGES.alreadyReplaced;
  if (facts.claimStatus !== "APPROVED") return VOUCHER_REISSUE_MESSAGES.claimNotApproved;
  if (facts.hasLivePayment) return VOUCHER_REISSUE_MESSAGES.livePayment;
  if (method === "CASH") return null;
  if (facts.hasPendingBankDetailsChange) return VOUCHER_REISSUE_MESSAGES.pendingChange;
  if (!facts.hasBankDetails) return VOUCHER_REISSUE_MESSAGES.noBankDetails;
  if (facts.bankDetailsProblem !== null) return VOUCHER_REISSUE_MESSAGES.badDetails(facts.bankDetailsProblem);
  return null;
}
