// What a failed Notify request means for its message. Notify answers errors as
// {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "…"}]}; a request that
// never got an answer (refused, reset, timed out) has no status.

/** A failed request, reduced to what decides the outcome. */
export interface NotifyFailure {
  /** The HTTP status Notify answered with; absent when no answer came. */
  status?: number;
  /** Notify's JSON body, when there was one. */
  body?: unknown;
  /** A network error's code (ECONNREFUSED, ECONNRESET, ECONNABORTED, ETIMEDOUT, …). */
  networkCode?: string;
  /** The thrown error's own message. */
  message: string;
}

export type FailureVerdict =
  /** Worth trying again later: Notify was down or busy, or the network failed. */
  | { kind: "passing"; reason: string }
  /** Trying again would fail the same way: the message is FAILED at once. */
  | { kind: "permanent"; reason: string };

/** Notify's own error messages, joined, or null when the body has none. */
export function notifyErrorText(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return null;
  const texts = errors
    .map((e) => {
      if (typeof e !== "object" || e === null) return null;
      const { error, message } = e as { error?: unknown; message?: unknown };
      if (typeof message !== "string") return null;
      return typeof error === "string" ? `${error}: ${message}` : message;
    })
    .filter((t): t is string => t !== null);
  return texts.length > 0 ? texts.join("; ") : null;
}

export function judgeFailure(failure: NotifyFailure): FailureVerdict {
  const { status } = failure;
  if (status === undefined) {
    return failure.networkCode !== undefined
      ? { kind: "passing", reason: `Could not reach Notify (${failure.networkCode}): ${failure.message}` }
      : { kind: "permanent", reason: failure.message };
  }
  const text = notifyErrorText(failure.body) ?? failure.message;
  // 429 is "too many requests" (a rate or daily limit): it passes, unlike every other 4xx.
  if (status >= 500 || status === 429) return { kind: "passing", reason: `Notify answered ${status}: ${text}` };
  return { kind: "permanent", reason: `Notify refused the message (${status}): ${text}` };
}
