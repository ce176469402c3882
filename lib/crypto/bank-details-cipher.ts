import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyId, keysOf } from "./keyring";

// AES-256-GCM with a fresh 96-bit IV per value. The stored text is versioned and names its key, so
// the key can be rotated (docs/key-rotation.md): "v2.<keyId>.<iv>.<tag>.<ciphertext>", each part
// base64url, keyId as keyring.ts makes it. Values written before key ids existed are
// "v1.<iv>.<tag>.<ciphertext>" and still read: each key of the ring is tried, and GCM's tag tells
// the right one. Writing is always v2 under the ring's current key.

export type BankDetailsPlain = {
  sortCode: string;
  accountNumber: string;
  nameOnAccount: string;
  rollNumber: string | null;
};

const VERSION = "v2";

export function keyFromBase64(base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("bank-details key must be 32 bytes");
  return key;
}

export function encryptBankDetails(details: BankDetailsPlain, key: Buffer): string {
  return encryptText(JSON.stringify(details), key);
}

/** `key` is a Buffer or a Keyring (keyring.ts): a value under any of the ring's keys decrypts. */
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
  return [VERSION, keyId(key), iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

/** Thrown when a stored value cannot be read: its message says why, never what it holds. */
export class CiphertextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CiphertextError";
  }
}

type Parsed = { keyId: string | null; iv: Buffer; tag: Buffer; body: Buffer };

function parse(stored: string): Parsed {
  const parts = stored.split(".");
  const [version] = parts;
  if (version === "v2" && parts.length === 5 && parts.slice(1, 4).every((p) => p !== "")) {
    const [, id, iv, tag, body] = parts;
    return {
      keyId: id,
      iv: Buffer.from(iv, "base64url"),
      tag: Buffer.from(tag, "base64url"),
      body: Buffer.from(body, "base64url"),
    };
  }
  if (version === "v1" && parts.length === 4 && parts[1] !== "" && parts[2] !== "") {
    const [, iv, tag, body] = parts;
    return {
      keyId: null,
      iv: Buffer.from(iv, "base64url"),
      tag: Buffer.from(tag, "base64url"),
      body: Buffer.from(body, "base64url"),
    };
  }
  throw new CiphertextError("unrecognised bank-details ciphertext");
}

function open(parsed: Parsed, key: Buffer): string {
  const decipher = createDecipheriv("aes-256-gcm", key, parsed.iv);
  decipher.setAuthTag(parsed.tag);
  return Buffer.concat([decipher.update(parsed.body), decipher.final()]).toString("utf8");
}

export function decryptText(stored: string, key: Buffer): string {
  const parsed = parse(stored);
  const keys = keysOf(key);
  if (parsed.keyId !== null) {
    const named = keys.find((k) => keyId(k) === parsed.keyId);
    if (!named) {
      throw new CiphertextError(
        `bank-details ciphertext is under key ${parsed.keyId}, which is neither BANK_DETAILS_KEY nor one of BANK_DETAILS_PREVIOUS_KEYS`,
      );
    }
    try {
      return open(parsed, named);
    } catch {
      throw new CiphertextError(`bank-details ciphertext under key ${parsed.keyId} does not authenticate (damaged or altered)`);
    }
  }
  for (const k of keys) {
    try {
      return open(parsed, k);
    } catch {
      // Not this key: a v1 value does not say which it is under.
    }
  }
  throw new CiphertextError(
    "v1 bank-details ciphertext does not decrypt under any configured key (damaged, or its key is not configured)",
  );
}

/** The id of the key a stored value is under, or null for a v1 value (which does not say). */
export function ciphertextKeyId(stored: string): string | null {
  return parse(stored).keyId;
}

/** The prefix every value written under `key` starts with (what a rotation looks for). */
export function ciphertextPrefix(key: Buffer): string {
  return `${VERSION}.${keyId(key)}.`;
}

/** What screens show: the last three digits of the account only. */
export function maskAccountNumber(accountNumber: string): string {
  return `*****${accountNumber.slice(-3)}`;
}

export function maskSortCode(sortCode: string): string {
  return `${sortCode.slice(0, 2)}-**-**`;
}
