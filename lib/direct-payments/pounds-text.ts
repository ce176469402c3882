// Payment files carry pounds as text with exactly two decimals ("123.99", "5.00"). Built from
// integer pence by integer division so no floating-point rounding can reach a bank file.

export function poundsText(pence: number): string {
  if (!Number.isSafeInteger(pence) || pence < 0) {
    throw new RangeError(`poundsText expects a non-negative whole number of pence, got ${pence}`);
  }
  const rest = pence % 100;
  // (pence - rest) is an exact multiple of 100, so this division is exact for any safe integer.
  return `${(pence - rest) / 100}.${String(rest).padStart(2, "0")}`;
}
