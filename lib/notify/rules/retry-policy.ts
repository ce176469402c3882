// When a message that Notify did not take is tried again, and when the sender gives up
// (docs/domain.md#messages). Pure: the caller passes the clock.

/** Attempts before a message that keeps failing for a passing reason (5xx, network) is FAILED. */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * A message left SENDING longer than this belongs to a sender that died: the next sender asks
 * Notify whether it arrived before doing anything else with it. Far longer than one batch's HTTP
 * calls can take (each is cut off after NOTIFY_REQUEST_TIMEOUT_MS).
 */
export const STALE_CLAIM_MINUTES = 10;

/** One Notify request may take this long before it is abandoned (and its message retried). */
export const NOTIFY_REQUEST_TIMEOUT_MS = 20_000;

/** Minutes to wait after the `attempts`-th failed attempt: 1, 5, 25, 125. */
export function retryDelayMinutes(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be 1 or more, got ${attempts}`);
  return 5 ** (attempts - 1);
}

export type RetryDecision = { kind: "retry"; nextAttemptAt: Date } | { kind: "give-up" };

/** After the `attempts`-th attempt failed for a passing reason: try again later, or stop for good. */
export function afterPassingFailure(attempts: number, now: Date): RetryDecision {
  if (attempts >= MAX_SEND_ATTEMPTS) return { kind: "give-up" };
  return { kind: "retry", nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000) };
}

/** Claims older than this instant are stale. */
export function staleClaimCutoff(now: Date): Date {
  return new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000);
}
