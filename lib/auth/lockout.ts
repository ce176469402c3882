// Lockout rule (docs/domain.md#sign-in): five failed sign-ins in a row for an email, known or not,
// lock it for 15 minutes; a success resets the count. Each attempt is numbered atomically before the
// password is looked at (lib/auth/verify-credentials.ts), so attempts sent at once cannot all be
// checked: only the first MAX_FAILURES of a run are.

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** The attempt as numbered by the database: its place in the current run, and any lock in force. */
export type Attempt = { number: number; lockedUntil: Date | null };

export type AttemptVerdict = "CHECK" | "LOCKED";

/** Before the password is checked: a locked email, or an attempt past the allowance, is refused unchecked. */
export function beforeCheck(attempt: Attempt, now: Date): AttemptVerdict {
  if (attempt.lockedUntil && attempt.lockedUntil > now) return "LOCKED";
  return attempt.number > MAX_FAILURES ? "LOCKED" : "CHECK";
}

/** After a wrong password: whether this failure locks the email, and until when. */
export function afterWrongPassword(attempt: Attempt, now: Date): { lockedUntil: Date | null } {
  return { lockedUntil: attempt.number >= MAX_FAILURES ? lockEnd(now) : null };
}

export function lockEnd(now: Date): Date {
  return new Date(now.getTime() + LOCK_MINUTES * 60_000);
}

export const LOCKED_MESSAGE = "Too many attempts. Try again in 15 minutes, or ask an administrator.";
export const INVALID_MESSAGE = "Enter a correct email address and password.";
export const EXPIRED_MESSAGE = "Your one-time password has expired. Ask an administrator to reset your password.";
