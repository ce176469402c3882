import { isClaimReference } from "@/lib/claims/claim-reference";

// The claim reference, "-" and a two-digit sequence: 7KQ2M9X-01. Ten characters, inside the
// 18 that AccessPay and Bacs allow, and traceable to the claim by eye.
export function makePaymentReference(claimReference: string, sequence: number): string {
  if (!isClaimReference(claimReference)) throw new Error(`not a claim reference: ${claimReference}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99) throw new Error(`payment sequence out of range: ${sequence}`);
  return `${claimReference}-${String(sequence).padStart(2, "0")}`;
}

/** The next sequence after the claim's existing payment references. */
export function nextPaymentSequence(existingReferences: string[]): number {
  const used = existingReferences.map((r) => Number(r.split("-")[1] ?? 0));
  return Math.max(0, ...used) + 1;
}
