// Users type sort codes as "12-34-56" or "12 34 56" and account numbers with
// spaces; the checker deliberately accepts only bare digits, so callers strip
// the separators here first. Anything else (letters, dots) is left in place so
// the checker can reject it rather than it being silently "fixed".

const SEPARATORS = /[\s-]/g;

export function normaliseSortCode(input: string): string {
  return input.replace(SEPARATORS, "");
}

export function normaliseAccountNumber(input: string): string {
  return input.replace(SEPARATORS, "");
}

// Building societies that share a sort code identify the member by a roll
// number; BACS limits the reference field to 18 characters from this set.
const BACS_ROLL_NUMBER = /^[A-Za-z0-9 .&/-]{1,18}$/;

export function isBacsRollNumber(s: string): boolean {
  return BACS_ROLL_NUMBER.test(s);
}
