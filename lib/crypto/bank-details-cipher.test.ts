import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ciphertextKeyId,
  ciphertextPrefix,
  CiphertextError,
  decryptBankDetails,
  decryptText,
  encryptBankDetails,
  encryptText,
  maskAccountNumber,
} from "./bank-details-cipher";
import { keyId, keyring, keysOf, previousKeysOf } from "./keyring";

const key = randomBytes(32);
const details = { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null };

/** A value as the code before key ids wrote it: "v1.<iv>.<tag>.<ciphertext>". */
function v1(plain: string, k: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

describe("bank-details cipher", () => {
  it("round-trips and never contains the plain values", () => {
    const stored = encryptBankDetails(details, key);
    expect(stored).not.toContain("55779911");
    expect(stored).not.toContain("200000");
    expect(stored).not.toContain("Lovelace");
    expect(decryptBankDetails(stored, key)).toEqual(details);
  });

  it("writes v2 naming its key: the first 8 base64url characters of sha256(key)", () => {
    const stored = encryptText("x", key);
    const id = createHash("sha256").update(key).digest("base64url").slice(0, 8);
    expect(keyId(key)).toBe(id);
    expect(stored.split(".")).toHaveLength(5);
    expect(stored.startsWith(`v2.${id}.`)).toBe(true);
    expect(ciphertextPrefix(key)).toBe(`v2.${id}.`);
    expect(ciphertextKeyId(stored)).toBe(id);
  });

  it("uses a fresh IV, so equal details give different ciphertexts", () => {
    expect(encryptBankDetails(details, key)).not.toBe(encryptBankDetails(details, key));
  });

  it("still reads v1 values, written before key ids, under the key or any key of the ring", () => {
    const old = randomBytes(32);
    const stored = v1(JSON.stringify(details), old);
    expect(ciphertextKeyId(stored)).toBeNull();
    expect(decryptBankDetails(stored, old)).toEqual(details);
    expect(decryptBankDetails(stored, keyring(key, [randomBytes(32), old]))).toEqual(details);
    expect(() => decryptBankDetails(stored, key)).toThrow(
      "v1 bank-details ciphertext does not decrypt under any configured key (damaged, or its key is not configured)",
    );
  });

  it("refuses a tampered ciphertext, and says a v2 value's key is not configured by its id", () => {
    const stored = encryptBankDetails(details, key);
    const parts = stored.split(".");
    const body = Buffer.from(parts[4], "base64url");
    body[0] ^= 1;
    const tampered = [...parts.slice(0, 4), body.toString("base64url")].join(".");
    expect(() => decryptBankDetails(tampered, key)).toThrow(
      `bank-details ciphertext under key ${keyId(key)} does not authenticate`,
    );
    const other = randomBytes(32);
    expect(() => decryptBankDetails(stored, other)).toThrow(CiphertextError);
    expect(() => decryptBankDetails(stored, other)).toThrow(
      `bank-details ciphertext is under key ${keyId(key)}, which is neither BANK_DETAILS_KEY nor one of BANK_DETAILS_PREVIOUS_KEYS`,
    );
    // A v2 value's key id is part of what is read: one naming another key is not tried with this one.
    expect(() => decryptText(["v2", keyId(other), ...parts.slice(2)].join("."), key)).toThrow("which is neither");
    expect(() => decryptText("v3.a.b.c.d", key)).toThrow("unrecognised bank-details ciphertext");
    expect(() => decryptText("v1.AAAA.AAAA.AAAA", key)).toThrow(CiphertextError);
  });

  it("masks all but the last three digits", () => {
    expect(maskAccountNumber("55779911")).toBe("*****911");
  });
});

describe("keyring", () => {
  const current = Buffer.alloc(32, 1);
  const previous = Buffer.alloc(32, 2);
  const older = Buffer.alloc(32, 3);

  it("is the current key's Buffer: encrypting with the ring is encrypting with the current key", () => {
    const ring = keyring(current, [previous]);
    expect(Buffer.isBuffer(ring)).toBe(true);
    expect(ring.equals(current)).toBe(true);
    expect(keyId(ring)).toBe(keyId(current));
    const stored = encryptText("Ada", ring);
    expect(ciphertextKeyId(stored)).toBe(keyId(current));
    expect(decryptText(stored, current)).toBe("Ada");
    expect(() => decryptText(stored, previous)).toThrow("which is neither");
  });

  it("decrypts what any of its keys wrote, finding a v2 value's key by id", () => {
    const ring = keyring(current, [previous, older]);
    expect(decryptText(encryptText("one", previous), ring)).toBe("one");
    expect(decryptText(encryptText("two", older), ring)).toBe("two");
    expect(decryptText(v1("three", older), ring)).toBe("three");
    expect(() => decryptText(encryptText("four", Buffer.alloc(32, 9)), ring)).toThrow(`under key ${keyId(Buffer.alloc(32, 9))}`);
  });

  it("drops a previous key equal to the current one or repeated, and a plain Buffer has no previous keys", () => {
    const ring = keyring(current, [Buffer.from(current), previous, Buffer.from(previous)]);
    expect(previousKeysOf(ring).map(keyId)).toEqual([keyId(previous)]);
    expect(keysOf(ring).map(keyId)).toEqual([keyId(current), keyId(previous)]);
    expect(keysOf(current)).toEqual([current]);
    expect(previousKeysOf(current)).toEqual([]);
  });
});
