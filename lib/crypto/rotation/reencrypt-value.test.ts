import { describe, expect, it } from "vitest";
import { ciphertextKeyId, decryptText, encryptBankDetails, encryptText } from "../bank-details-cipher";
import { keyId, keyring } from "../keyring";
import { reencryptValue } from "./reencrypt-value";

const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);
const ring = keyring(newKey, [oldKey]);
const bank = { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null };
const rehash = (d: { sortCode: string; accountNumber: string }) => `new:${d.sortCode}|${d.accountNumber}`;

describe("reencryptValue", () => {
  it("re-encrypts a value under a previous key to the current key, keeping the text and the hash", () => {
    const result = reencryptValue({ ciphertext: encryptBankDetails(bank, oldKey), hash: "old" }, ring);
    expect(result.outcome).toBe("changed");
    if (result.outcome !== "changed") return;
    expect(ciphertextKeyId(result.ciphertext)).toBe(keyId(newKey));
    expect(JSON.parse(decryptText(result.ciphertext, newKey))).toEqual(bank);
    expect(result).toMatchObject({ hash: "old", reencrypted: true, rehashed: false });
  });

  it("leaves a value already under the current key alone, unless its hash must be rebuilt", () => {
    const done = encryptBankDetails(bank, newKey);
    expect(reencryptValue({ ciphertext: done, hash: "old" }, ring)).toEqual({ outcome: "unchanged" });
    expect(reencryptValue({ ciphertext: done, hash: rehash(bank) }, ring, rehash)).toEqual({ outcome: "unchanged" });
    expect(reencryptValue({ ciphertext: done, hash: "old" }, ring, rehash)).toEqual({
      outcome: "changed",
      ciphertext: done,
      hash: rehash(bank),
      reencrypted: false,
      rehashed: true,
    });
  });

  it("never gives a hash to a value without one (an erased change, a Payout line's text)", () => {
    const payoutText = encryptText("Ada Lovelace|1 High St|£10.00", oldKey);
    const result = reencryptValue({ ciphertext: payoutText, hash: null }, ring, rehash);
    expect(result).toMatchObject({ outcome: "changed", hash: null, rehashed: false, reencrypted: true });
    if (result.outcome === "changed") expect(decryptText(result.ciphertext, newKey)).toBe("Ada Lovelace|1 High St|£10.00");
  });

  it("reports a value under no configured key, and a hashed value that is not bank details, without changing them", () => {
    const foreign = encryptBankDetails(bank, Buffer.alloc(32, 9));
    expect(reencryptValue({ ciphertext: foreign, hash: null }, ring)).toMatchObject({ outcome: "undecryptable" });
    expect(reencryptValue({ ciphertext: encryptText("not json", oldKey), hash: "h" }, ring, rehash)).toEqual({
      outcome: "undecryptable",
      reason: "a value with a lookup hash does not hold bank details",
    });
  });
});
