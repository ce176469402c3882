import { createHash, randomBytes } from "node:crypto";

// An API token is "dsb_" and 32 random bytes in base64url (43 characters). The prefix makes a
// leaked token easy to recognise (and to scan for); only its sha256 is stored, so the database
// never holds a usable token.

export const API_TOKEN_PREFIX = "dsb_";
const TOKEN_PATTERN = /^dsb_[A-Za-z0-9_-]{43}$/;
/** Characters after "dsb_" kept in clear so admins can tell tokens apart. */
export const VISIBLE_PREFIX_LENGTH = 8;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function visiblePrefix(token: string): string {
  return token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + VISIBLE_PREFIX_LENGTH);
}

export function isApiTokenFormat(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export type BearerParse = { kind: "missing" } | { kind: "malformed" } | { kind: "token"; token: string };

/** Reads `Authorization: Bearer dsb_…`; the scheme is case-insensitive (RFC 9110). */
export function parseBearerToken(header: string | null | undefined): BearerParse {
  if (header == null || header.trim() === "") return { kind: "missing" };
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match || !isApiTokenFormat(match[1])) return { kind: "malformed" };
  return { kind: "token", token: match[1] };
}
