import { createHash } from "node:crypto";

// A key may carry the keys it replaced, so that a value written under one of them still decrypts
// while a rotation re-encrypts it (docs/key-rotation.md). The ring is the current key's own Buffer
// with the previous keys attached under a symbol: every function that takes `key: Buffer` (the runs,
// the pages, the uploads) passes it along unchanged and encrypts with the current key as before,
// and only decryption (bank-details-cipher.ts) and the lookup hashes look at the previous keys.

const PREVIOUS_KEYS = Symbol("disburse.previousKeys");

/** A current key (the Buffer itself) with the keys it replaced, for decrypting only. */
export type Keyring = Buffer & { readonly [PREVIOUS_KEYS]: readonly Buffer[] };

/**
 * The current key as a ring with `previous` (oldest last or first: the order does not matter to
 * decryption, which finds a v2 value's key by its id). A previous key equal to the current one is
 * dropped. The result is a copy: the caller's Buffer is left as it was.
 */
export function keyring(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  const ring = Buffer.from(current) as Buffer & { [PREVIOUS_KEYS]?: readonly Buffer[] };
  const others = previous.filter((p, i) => !p.equals(current) && previous.findIndex((q) => q.equals(p)) === i);
  Object.defineProperty(ring, PREVIOUS_KEYS, { value: Object.freeze(others.map((p) => Buffer.from(p))), enumerable: false });
  return ring as Keyring;
}

/** The keys that may decrypt: the current key first, then the previous ones (none for a plain Buffer). */
export function keysOf(key: Buffer): Buffer[] {
  const previous = (key as Partial<Keyring>)[PREVIOUS_KEYS] ?? [];
  return [key, ...previous];
}

/** The previous keys of a ring ([] for a plain Buffer). */
export function previousKeysOf(key: Buffer): readonly Buffer[] {
  return (key as Partial<Keyring>)[PREVIOUS_KEYS] ?? [];
}

/**
 * A key's short public name, written into each v2 ciphertext: the first 8 base64url characters of
 * SHA-256 of the key (48 bits: enough to tell a handful of keys apart, and says nothing usable
 * about a random 256-bit key).
 */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}
