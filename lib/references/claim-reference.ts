import { randomInt } from "node:crypto";

// Crockford-style alphabet without I, L, O and U: no look-alikes when read over the phone.
export const CLAIM_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CLAIM_REFERENCE_LENGTH = 7;
const PATTERN = new RegExp(`^[${CLAIM_REFERENCE_ALPHABET}]{${CLAIM_REFERENCE_LENGTH}}$`);

/** `randomIndex(n)` returns an integer in [0, n); injectable so demo data can be deterministic. */
export function makeClaimReference(randomIndex: (n: number) => number = randomInt): string {
  let out = "";
  for (let i = 0; i < CLAIM_REFERENCE_LENGTH; i++) out += CLAIM_REFERENCE_ALPHABET[randomIndex(CLAIM_REFERENCE_ALPHABET.length)];
  return out;
}

export function isClaimReference(value: string): boolean {
  return PATTERN.test(value);
}
