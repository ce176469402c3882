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
