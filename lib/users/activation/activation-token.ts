import { createHash, randomBytes } from "node:crypto";

/** An activation link works for 72 hours; after that an admin must issue another. */
export const ACTIVATION_HOURS = 72;

/**
 * A fresh token and the only thing stored of it: its sha256. 32 random bytes cannot be guessed, so
 * the hash needs no salt and can be looked up directly.
 */
export function newActivationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashActivationToken(token) };
}

export function hashActivationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The link the user follows: `${AUTH_URL}/activate/<token>`. */
export function activationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/activate/${token}`;
}

export function activationExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + ACTIVATION_HOURS * 3_600_000);
}

/** What a token in a URL must look like before it is even looked up (43 base64url characters). */
export const ACTIVATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
