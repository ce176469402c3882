import { randomInt } from "node:crypto";

// Shown once to an admin, who passes it on; the user must change it at first sign-in.
// No look-alike characters (0/O, 1/l/I) since it is read out or typed from a screen.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generateOneTimePassword(groups = 4, groupLength = 4): string {
  const group = () => Array.from({ length: groupLength }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return Array.from({ length: groups }, group).join("-");
}

/** A one-time password works for 72 hours; after that an admin must issue another. */
export const ONE_TIME_PASSWORD_HOURS = 72;

export function oneTimePasswordExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + ONE_TIME_PASSWORD_HOURS * 3_600_000);
}
