import { randomInt } from "node:crypto";
import { CLAIM_REFERENCE_ALPHABET, CLAIM_REFERENCE_LENGTH } from "./claim-reference-format";

export { CLAIM_REFERENCE_ALPHABET, CLAIM_REFERENCE_LENGTH, isClaimReference } from "./claim-reference-format";

/** `randomIndex(n)` returns an integer in [0, n); injectable so demo data can be deterministic. */
export function makeClaimReference(randomIndex: (n: number) => number = randomInt): string {
  let out = "";
  for (let i = 0; i < CLAIM_REFERENCE_LENGTH; i++) out += CLAIM_REFERENCE_ALPHABET[randomIndex(CLAIM_REFERENCE_ALPHABET.length)];
  return out;
}
