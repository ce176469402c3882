// Money is handled as integer pence throughout: parsing and formatting use only integer
// arithmetic, so no binary-float rounding can creep into an amount.

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

export { formatPence } from "@/lib/money";
