/**
 * The payment code the Post Office's Payout portal gives each voucher (docs/file-formats.md#payout-payment-code-file):
 * 13 characters, letters and digits. Codes are compared exactly as written (case included): they are
 * opaque to us, and Code 128 carries upper and lower case apart.
 */

import { shownValue } from "./shown-value";

export const PAYMENT_CODE_LENGTH = 13;

const LETTERS_AND_DIGITS = /^[A-Za-z0-9]*$/;

/** Null for a well-formed code, otherwise what is wrong with it, in words. */
export function paymentCodeProblem(code: string): string | null {
  if (code === "") return "payment code is empty";
  const shown = shownValue(code);
  const problems: string[] = [];
  const length = Array.from(code).length;
  if (length !== PAYMENT_CODE_LENGTH) {
    problems.push(`has ${length} character${length === 1 ? "" : "s"}, not ${PAYMENT_CODE_LENGTH}`);
  }
  if (!LETTERS_AND_DIGITS.test(code)) {
    const others = [...new Set(Array.from(code).filter((c) => !/^[A-Za-z0-9]$/.test(c)))];
    const listed = others.slice(0, 5).map((c) => JSON.stringify(c));
    if (others.length > 5) listed.push("…");
    problems.push(`may hold only letters and digits (found ${listed.join(" ")})`);
  }
  return problems.length === 0 ? null : `payment code ${shown} ${problems.join(" and ")}`;
}

export function isPaymentCode(code: string): boolean {
  return paymentCodeProblem(code) === null;
}
