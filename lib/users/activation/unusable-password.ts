import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";

/**
 * A real argon2 hash of 32 random bytes nobody keeps: nothing signs in with it, and checking a
 * password against it takes as long as against any other (no hint that the account is waiting).
 * Until the user sets their own password through an activation link, this is all the account has.
 */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}
