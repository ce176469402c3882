// Money is handled as integer pence throughout: parsing and formatting use only integer
// arithmetic, so no binary-float rounding can creep into an amount. One module for both ways:
// text people type to pence (forms), pence to text for people (pages, messages, audit) and pence
// to text for bank files (AccessPay).

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Formats an amount in pence as "£1,234.56" (negative: "-£1,234.56").
 * Integer arithmetic only, so large amounts never pick up floating-point error.
 */
export function formatPence(pence: number | bigint): string {
  if (typeof pence === "number" && !Number.isSafeInteger(pence)) {
    throw new RangeError(`formatPence expects a whole number of pence, got ${pence}`);
  }
  const value = BigInt(pence);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const pounds = (abs / 100n).toString().replace(GROUP, ",");
  const rest = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}£${pounds}.${rest}`;
}

// Optional "£", pounds (plain or with correct thousands commas), optional 1-2 decimal places.
const AMOUNT = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/;
// 13 digits of pounds keeps pounds * 100 + pence well inside Number.MAX_SAFE_INTEGER.
const MAX_POUNDS_DIGITS = 13;

/** "12", "12.3", "12.30", "£1,234.56" -> pence; null for anything else (negatives, letters, 3+ decimals). */
export function parsePoundsToPence(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const [, poundsText, penceText] = match;
  if (poundsText === undefined && penceText === undefined) return null;

  const poundsDigits = (poundsText ?? "0").replace(/,/g, "");
  if (poundsDigits.length > MAX_POUNDS_DIGITS) return null;
  const pence = Number((penceText ?? "0").padEnd(2, "0"));
  return Number(poundsDigits) * 100 + pence;
}

/**
 * Pounds as payment files carry them: text with exactly two decimals and no "£" or commas
 * ("123.99", "5.00"). Built from integer pence by integer division so no floating-point rounding
 * can reach a bank file.
 */
export function poundsText(pence: number): string {
  if (!Number.isSafeInteger(pence) || pence < 0) {
    throw new RangeError(`poundsText expects a non-negative whole number of pence, got ${pence}`);
  }
  const rest = pence % 100;
  // (pence - rest) is an exact multiple of 100, so this division is exact for any safe integer.
  return `${(pence - rest) / 100}.${String(rest).padStart(2, "0")}`;
}
