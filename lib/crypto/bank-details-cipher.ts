import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a fresh 96-bit IV per value. The stored text is versioned so the key can be
// rotated later: "v1.<iv>.<tag>.<ciphertext>", each part base64url.

export type BankDetailsPlain = {
  sortCode: string;
  accountNumber: string;
  nameOnAccount: string;
  rollNumber: string | null;
};

const VERSION = "v1";

export function keyFromBase64(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("bank-details key must be 32 bytes");
  return key;
}

export function encryptBankDetails(details: BankDetailsPlain, key: Buffer): string {
  return encryptText(JSON.stringify(details), key);
}

export function decryptBankDetails(stored: string, key: Buffer): BankDetailsPlain {
  return JSON.parse(decryptText(stored, key)) as BankDetailsPlain;
}

/**
 * Any text under the same key and format: a Payout file line keeps its copy of what it pays to
 * this way (docs/runs.md#payout-run), as a bank line keeps its bank details.
 */
export function encryptText(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptText(stored: string, key: Buffer): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("unrecognised bank-details ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** What screens show: the last three digits of the account only. */
export function maskAccountNumber(accountNumber: string): string {
  return `*****${accountNumber.slice(-3)}`;
}

export function maskSortCode(sortCode: string): string {
  return `${sortCode.slice(0, 2)}-**-**`;
}
