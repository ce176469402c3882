import { ciphertextPrefix, decryptText, encryptText, type BankDetailsPlain } from "../bank-details-cipher";

// One stored value through a rotation, pure: the ciphertext under the ring's current key, and its
// lookup hash rebuilt when the lookup key rotates. Nothing is returned that was not checked to
// decrypt back to the same text, so a rotation can never write a value it cannot read.

export type StoredValue = { ciphertext: string; hash: string | null };

export type Reencrypted =
  | { outcome: "unchanged" }
  | { outcome: "changed"; ciphertext: string; hash: string | null; reencrypted: boolean; rehashed: boolean }
  | { outcome: "undecryptable"; reason: string };

/**
 * `key` is the ring (current key and the previous ones). `rehash`, given only while the lookup key
 * rotates, makes an account's hash under the new lookup key: a stored hash is replaced by it, a
 * missing one stays missing (an erased person's change has none on purpose; the lookup backfill,
 * not the rotation, fills rows that never had one).
 */
export function reencryptValue(
  stored: StoredValue,
  key: Buffer,
  rehash?: ((details: BankDetailsPlain) => string) | null,
): Reencrypted {
  let plain: string;
  try {
    plain = decryptText(stored.ciphertext, key);
  } catch (error) {
    return { outcome: "undecryptable", reason: error instanceof Error ? error.message : String(error) };
  }
  const reencrypted = !stored.ciphertext.startsWith(ciphertextPrefix(key));
  const ciphertext = reencrypted ? encryptText(plain, key) : stored.ciphertext;
  let hash = stored.hash;
  if (rehash && stored.hash !== null) {
    try {
      hash = rehash(JSON.parse(plain) as BankDetailsPlain);
    } catch {
      return { outcome: "undecryptable", reason: "a value with a lookup hash does not hold bank details" };
    }
  }
  const rehashed = hash !== stored.hash;
  if (!reencrypted && !rehashed) return { outcome: "unchanged" };
  if (reencrypted && decryptText(ciphertext, key) !== plain) throw new Error("re-encryption did not round-trip");
  return { outcome: "changed", ciphertext, hash, reencrypted, rehashed };
}
