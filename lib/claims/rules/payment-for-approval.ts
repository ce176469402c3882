import { bankDetailsProblem, describeBankDetailsProblem } from "@/lib/bank-details/payable-bank-details";
import type { HoldReason, PaymentMethod } from "@/lib/generated/prisma/enums";
import { MAX_PAYMENTS_PER_CLAIM, makePaymentReference, nextPaymentSequence } from "@/lib/references/payment-reference";

export interface BankDetailsInput {
  sortCode: string;
  accountNumber: string;
  nameOnAccount: string;
  rollNumber: string | null;
}

export interface PaymentForApprovalInput {
  claimReference: string;
  paymentMethod: PaymentMethod;
  approvedTotalPence: number;
  existingPaymentReferences: readonly string[];
  /** The claimant's approved (current) bank details, decrypted; null when there are none. */
  bankDetails: BankDetailsInput | null;
  hasPendingBankDetailsChange: boolean;
}

export interface NewPayment {
  reference: string;
  method: PaymentMethod;
  amountPence: number;
  status: "NEW";
  holdReason: HoldReason | null;
}

export type PaymentForApprovalResult = { ok: true; payment: NewPayment } | { ok: false; message: string };

// Payment.amountPence is a PostgreSQL integer.
const MAX_PAYMENT_PENCE = 2_147_483_647;

export const PAYMENT_FOR_APPROVAL_MESSAGES = {
  noBankDetails: "The claimant has no bank details. Request new bank details before approving a bank payment.",
  noBankDetailsChangePending:
    "The claimant has no approved bank details. Their new bank details are waiting for a second caseworker to approve them; approve those before approving a bank payment.",
  amountNotPositive: "The approved total must be more than £0.00.",
  amountTooLarge: "The approved total is too large for one payment.",
  tooManyPayments: `This claim already has ${MAX_PAYMENTS_PER_CLAIM} payments; no more can be made.`,
} as const;

export function invalidBankDetailsMessage(problem: string, hasPendingChange: boolean): string {
  const next = hasPendingChange
    ? "Their new bank details are waiting for a second caseworker to approve them; approve those before approving a bank payment."
    : "Correct them or request new bank details before approving a bank payment.";
  return `The claimant's bank details are not valid: ${problem}. ${next}`;
}

export function paymentForApproval(input: PaymentForApprovalInput): PaymentForApprovalResult {
  const amount = input.approvedTotalPence;
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse(PAYMENT_FOR_APPROVAL_MESSAGES.amountNotPositive);
  if (amount > MAX_PAYMENT_PENCE) return refuse(PAYMENT_FOR_APPROVAL_MESSAGES.amountTooLarge);

  const sequence = nextPaymentSequence([...input.existingPaymentReferences]);
  if (sequence > MAX_PAYMENTS_PER_CLAIM) return refuse(PAYMENT_FOR_APPROVAL_MESSAGES.tooManyPayments);

  let holdReason: HoldReason | null = null;
  if (input.paymentMethod === "BANK") {
    const pending = input.hasPendingBankDetailsChange;
    if (input.bankDetails === null) {
      return refuse(
        pending ? PAYMENT_FOR_APPROVAL_MESSAGES.noBankDetailsChangePending : PAYMENT_FOR_APPROVAL_MESSAGES.noBankDetails,
      );
    }
    const problem = bankDetailsProblem(input.bankDetails);
    if (problem !== null) return refuse(invalidBankDetailsMessage(describeBankDetailsProblem(problem), pending));
    // A pending change will replace these details, so nothing may be paid until it is decided.
    if (pending) holdReason = "BANK_DETAILS_CHANGE_PENDING";
  }

  return {
    ok: true,
    payment: {
      reference: makePaymentReference(input.claimReference, sequence),
      method: input.paymentMethod,
      amountPence: amount,
      status: "NEW",
      holdReason,
    },
  };
}

function refuse(message: string): PaymentForApprovalResult {
  return { ok: false, message };
}
