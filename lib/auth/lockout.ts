// Lockout rule (docs/domain.md#sign-in): five failed sign-ins in a row for an email, known or not,
// lock it for 15 minutes; a success resets the count. Pure so the rule is tested without a database.

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type ThrottleState = { failures: number; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/** The state after one more failure. An expired lock starts a fresh count. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState & { lockedNow: boolean } {
  const expired = !!state?.lockedUntil && state.lockedUntil <= now;
  const failures = (expired || !state ? 0 : state.failures) + 1;
  if (failures >= MAX_FAILURES) {
    return { failures, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), lockedNow: true };
  }
  return { failures, lockedUntil: null, lockedNow: false };
}

export const LOCKED_MESSAGE = "Too many attempts. Try again in 15 minutes, or ask an administrator.";
export const INVALID_MESSAGE = "Enter a correct email address and password.";
