/** A claim's payment as far as this rule needs it. */
export type PaymentForRejection = {
  reference: string;
  method: string;
  status: string;
  failureReason: string | null;
  failedAt: Date | null;
  /** The payment that replaced it (a reissue), if any. */
  replacedBy: unknown;
};

export type BankRejection = { paymentReference: string; reason: string; nextStep: string };

/**
 * Whether the bank refused the details on file: the latest bank payment that failed and has not
 * been reissued failed after those details were last set (a failure with no time counts). A
 * modulus check only says the numbers are well formed; the bank's refusal outranks it, so the page
 * shows this instead of "Passes the modulus check". Null when the details have been replaced since.
 */
export function bankRejection(options: {
  payments: PaymentForRejection[];
  detailsSetAt: Date | null;
  changeWaiting: boolean;
}): BankRejection | null {
  const failed = options.payments
    .filter((p) => p.method === "BANK" && p.status === "FAILED" && !p.replacedBy)
    .sort((a, b) => (b.failedAt?.getTime() ?? Infinity) - (a.failedAt?.getTime() ?? Infinity))[0];
  if (!failed) return null;
  const setAt = options.detailsSetAt;
  if (setAt && failed.failedAt && failed.failedAt.getTime() < setAt.getTime()) return null;
  const nextStep = options.changeWaiting
    ? `New bank details are waiting for a second caseworker to approve them. Once they are approved, reissue payment ${failed.reference}.`
    : `Ask the claimant for new bank details and propose them under "Change bank details". Once a second caseworker approves them, reissue payment ${failed.reference}.`;
  return { paymentReference: failed.reference, reason: failed.failureReason?.trim() || "no reason given", nextStep };
}
