import { checkBankAccount, isBacsRollNumber, type BankCheckFailure } from "./modulus";

export type BankDetailsProblem = BankCheckFailure | "ROLL_NUMBER";

const PROBLEM_WORDS: Record<BankDetailsProblem, string> = {
  SORT_CODE_FORMAT: "the sort code must be 6 digits",
  ACCOUNT_NUMBER_FORMAT: "the account number must be 8 digits",
  MODULUS: "the account number is not valid for the sort code (UK modulus check)",
  ROLL_NUMBER: "the roll number must be up to 18 letters, digits, spaces or . & / -",
};

/** The problem in words for staff, e.g. "the sort code must be 6 digits". */
export function describeBankDetailsProblem(problem: BankDetailsProblem): string {
  return PROBLEM_WORDS[problem];
}

/** A blank roll number means none: building-society accounts are the exception. */
export function rollNumberOrNull(rollNumber: string | null | undefined): string | null {
  return rollNumber?.trim() ? rollNumber : null;
}

/**
 * Why stored bank details cannot be paid to, or null when they can. The values are checked as
 * stored, without stripping separators: the AccessPay file takes them unchanged and accepts only
 * bare digits. Approval and the run ask the same question, so they get the same answer.
 */
export function bankDetailsProblem(details: {
  sortCode: string;
  accountNumber: string;
  rollNumber: string | null;
}): BankDetailsProblem | null {
  const check = checkBankAccount(details.sortCode, details.accountNumber);
  if (!check.valid) return check.reason ?? "MODULUS";
  const roll = rollNumberOrNull(details.rollNumber);
  if (roll !== null && !isBacsRollNumber(roll)) return "ROLL_NUMBER";
  return null;
}
