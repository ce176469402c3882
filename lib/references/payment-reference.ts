import { isClaimReference } from "./claim-reference-format";

// The claim reference, "-" and a two-digit sequence: 7KQ2M9X-01. Ten characters, inside the
// 18 that AccessPay and Bacs allow, and traceable to the claim by eye.
/** Two digits of sequence: a claim can have at most 99 payments. */
export const MAX_PAYMENTS_PER_CLAIM = 99;

export function makePaymentReference(claimReference: string, sequence: number): string {
  if (!isClaimReference(claimReference)) throw new Error(`not a claim reference: ${claimReference}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_PAYMENTS_PER_CLAIM)
    throw new Error(`payment sequence out of range: ${sequence}`);
  return `${claimReference}-${String(sequence).padStart(2, "0")}`;
}

/** The next sequence after the claim's existing payment references. */
export function nextPaymentSequence(existingReferences: string[]): number {
  const used = existingReferences.map((r) => Number(r.split("-")[1] ?? 0));
  return Math.max(0, ...used) + 1;
}
