import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptBankDetails, encryptBankDetails, maskAccountNumber } from "./bank-details-cipher";

const key = randomBytes(32);
const details = { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null };

describe("bank-details cipher", () => {
  it("round-trips and never contains the plain values", () => {
    const stored = encryptBankDetails(details, key);
    expect(stored).not.toContain("55779911");
    expect(stored).not.toContain("200000");
    expect(stored).not.toContain("Lovelace");
    expect(decryptBankDetails(stored, key)).toEqual(details);
  });

  it("uses a fresh IV, so equal details give different ciphertexts", () => {
    expect(encryptBankDetails(details, key)).not.toBe(encryptBankDetails(details, key));
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const stored = encryptBankDetails(details, key);
    const parts = stored.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString("base64url")].join(".");
    expect(() => decryptBankDetails(tampered, key)).toThrow();
    expect(() => decryptBankDetails(stored, randomBytes(32))).toThrow();
  });

  it("masks all but the last three digits", () => {
    expect(maskAccountNumber("55779911")).toBe("*****911");
  });
});
