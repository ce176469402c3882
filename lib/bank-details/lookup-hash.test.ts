import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyring } from "@/lib/crypto/keyring";
import { bankLookupHash, bankLookupHashes, canonicalAccount } from "./lookup-hash";

const key = Buffer.alloc(32, 9);

describe("bankLookupHash", () => {
  it("is HMAC-SHA256 of 'sortcode|account' under the key, in hex", () => {
    const expected = createHmac("sha256", key).update("200000|73406722").digest("hex");
    expect(bankLookupHash({ sortCode: "200000", accountNumber: "73406722" }, key)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores separators, the name on the account and the roll number", () => {
    const plain = bankLookupHash({ sortCode: "200000", accountNumber: "73406722" }, key);
    const typed = { sortCode: "20-00-00", accountNumber: "7340 6722", nameOnAccount: "Someone Else", rollNumber: "R1" };
    expect(canonicalAccount(typed)).toBe("200000|73406722");
    expect(bankLookupHash(typed, key)).toBe(plain);
  });

  it("tells apart accounts a masked form cannot (same sort code, same last three digits)", () => {
    const current = bankLookupHash({ sortCode: "200000", accountNumber: "73406722" }, key);
    const proposed = bankLookupHash({ sortCode: "200000", accountNumber: "41676722" }, key);
    expect(proposed).not.toBe(current);
  });

  it("depends on the key, so the hash alone cannot be checked against guessed accounts", () => {
    const account = { sortCode: "200000", accountNumber: "73406722" };
    expect(bankLookupHash(account, Buffer.alloc(32, 1))).not.toBe(bankLookupHash(account, key));
    expect(() => bankLookupHash(account, Buffer.alloc(16))).toThrow("32 bytes");
  });
});

describe("bankLookupHashes", () => {
  it("gives the hash under the current lookup key first, then under the one it replaces", () => {
    const account = { sortCode: "200000", accountNumber: "73406722" };
    const current = Buffer.alloc(32, 5);
    const previous = Buffer.alloc(32, 6);
    expect(bankLookupHashes(account, keyring(current, [previous]))).toEqual([
      bankLookupHash(account, current),
      bankLookupHash(account, previous),
    ]);
    expect(bankLookupHash(account, keyring(current, [previous]))).toBe(bankLookupHash(account, current));
    expect(bankLookupHashes(account, current)).toEqual([bankLookupHash(account, current)]);
  });
});
