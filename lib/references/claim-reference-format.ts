// The shape of a claim reference, apart from making one (claim-reference.ts, which needs node:crypto):
// schemas that also run in the browser (the key-in form) check references without pulling Node's
// crypto polyfill, and its eval, into the page's bundle (the Content-Security-Policy refuses eval).

// Crockford-style alphabet without I, L, O and U: no look-alikes when read over the phone.
export const CLAIM_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CLAIM_REFERENCE_LENGTH = 7;
const PATTERN = new RegExp(`^[${CLAIM_REFERENCE_ALPHABET}]{${CLAIM_REFERENCE_LENGTH}}$`);

export function isClaimReference(value: string): boolean {
  return PATTERN.test(value);
}
