// UK sort code / account number validation per Pay.UK's "Validating account
// numbers - UK modulus checking" (v8.x), including exceptions 1 to 14.
//
// Positions follow the specification: the 14 digits are the sort code u v w x
// y z followed by the account number a b c d e f g h.

import { findWeightRows, substituteSortCode, type WeightRow } from "./tables";

export type BankCheckFailure = "SORT_CODE_FORMAT" | "ACCOUNT_NUMBER_FORMAT" | "MODULUS";

export interface BankCheckResult {
  valid: boolean;
  reason?: BankCheckFailure;
}

// Account digit indexes within the 8-digit account number.
const A = 0;
const B = 1;
const C = 2;
const G = 6;
const H = 7;
// Index of weight b among the 14 (u v w x y z a b ...): exceptions 7 and 10
// zero the weights from u up to and including b.
const WEIGHT_B = 7;

// Weights the spec prescribes for exception 2 when a != 0.
const EXCEPTION_2_WEIGHTS: readonly number[] = [0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1];
const EXCEPTION_2_WEIGHTS_G9: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1];

// Sort codes the spec tells us to calculate with instead of the real one.
const EXCEPTION_8_SORT_CODE = "090126";
const EXCEPTION_9_SORT_CODE = "309634";

// Exception 1 prefixes an institution number whose double-alternate digit sum
// is 27; adding it directly is the spec's own shortcut.
const EXCEPTION_1_ADDEND = 27;

// First-row exceptions whose pair is satisfied when either check passes
// (2 & 9, 10 & 11, 12 & 13). Every other pair needs both checks to pass.
const EITHER_CHECK_SUFFICES = new Set([2, 10, 12]);

export function checkBankAccount(sortCode: string, accountNumber: string): BankCheckResult {
  if (!/^\d{6}$/.test(sortCode)) return { valid: false, reason: "SORT_CODE_FORMAT" };
  if (!/^\d{8}$/.test(accountNumber)) return { valid: false, reason: "ACCOUNT_NUMBER_FORMAT" };
  return passesModulusChecks(sortCode, accountNumber) ? { valid: true } : { valid: false, reason: "MODULUS" };
}

function passesModulusChecks(sortCode: string, accountNumber: string): boolean {
  const rows = findWeightRows(sortCode);
  // The spec: a sort code with no table entry cannot be checked, so the
  // account must be presumed valid.
  if (rows.length === 0) return true;

  const [first, second] = rows;
  if (!second) return passesRow(first, sortCode, accountNumber);

  if (first.exception !== null && EITHER_CHECK_SUFFICES.has(first.exception)) {
    return passesRow(first, sortCode, accountNumber) || passesRow(second, sortCode, accountNumber);
  }
  return passesRow(first, sortCode, accountNumber) && passesRow(second, sortCode, accountNumber);
}

/** One row of the table, including the exceptions that can skip or retry it. */
function passesRow(row: WeightRow, sortCode: string, accountNumber: string): boolean {
  const account = toDigits(accountNumber);

  // Foreign currency accounts in these ranges carry no check digits at all.
  if (row.exception === 6 && account[A] >= 4 && account[A] <= 8 && account[G] === account[H]) {
    return true;
  }
  if (row.exception === 3 && (account[C] === 6 || account[C] === 9)) return true;

  if (calculate(row, sortCode, account)) return true;

  // Coutts accounts may carry a trailing digit outside the check; drop it and
  // try once more, but only for the trailing digits the spec allows.
  if (row.exception === 14) {
    if (account[H] !== 0 && account[H] !== 1 && account[H] !== 9) return false;
    return calculate(row, sortCode, [0, ...account.slice(0, H)]);
  }
  return false;
}

function calculate(row: WeightRow, sortCode: string, account: readonly number[]): boolean {
  const digits = [...toDigits(sortCodeFor(row, sortCode)), ...account];
  const weights = weightsFor(row, account);

  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = digits[i] * weights[i];
    total += row.method === "DBLAL" ? digitSum(product) : product;
  }

  if (row.method === "DBLAL") {
    if (row.exception === 1) total += EXCEPTION_1_ADDEND;
    const remainder = mod(total, 10);
    // Exception 5 treats h as an explicit check digit instead of requiring a
    // zero remainder.
    if (row.exception === 5) return remainder === 0 ? account[H] === 0 : 10 - remainder === account[H];
    return remainder === 0;
  }

  if (row.method === "MOD10") return mod(total, 10) === 0;

  const remainder = mod(total, 11);
  if (row.exception === 4) return remainder === account[G] * 10 + account[H];
  if (row.exception === 5) {
    // Remainder 1 would need a check digit of 10, which cannot exist.
    if (remainder === 0) return account[G] === 0;
    if (remainder === 1) return false;
    return 11 - remainder === account[G];
  }
  return remainder === 0;
}

function sortCodeFor(row: WeightRow, sortCode: string): string {
  switch (row.exception) {
    case 5:
      return substituteSortCode(sortCode);
    case 8:
      return EXCEPTION_8_SORT_CODE;
    case 9:
      return EXCEPTION_9_SORT_CODE;
    default:
      return sortCode;
  }
}

function weightsFor(row: WeightRow, account: readonly number[]): readonly number[] {
  if (row.exception === 2 && account[A] !== 0) {
    return account[G] === 9 ? EXCEPTION_2_WEIGHTS_G9 : EXCEPTION_2_WEIGHTS;
  }
  // Read as "(ab = 09 or ab = 99) and g = 9", which is how the published
  // test cases for exception 10 are constructed.
  const zeroUToB =
    (row.exception === 7 && account[G] === 9) ||
    (row.exception === 10 && (account[A] === 0 || account[A] === 9) && account[B] === 9 && account[G] === 9);
  if (zeroUToB) return row.weights.map((w, i) => (i <= WEIGHT_B ? 0 : w));
  return row.weights;
}

function toDigits(value: string): number[] {
  return Array.from(value, Number);
}

function digitSum(n: number): number {
  let sum = 0;
  for (let rest = Math.abs(n); rest > 0; rest = Math.floor(rest / 10)) sum += rest % 10;
  return sum;
}

// Some rows (e.g. 070116) carry a -1 weight, so totals are not guaranteed to
// be non-negative and JavaScript's % would then return a negative remainder.
function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
