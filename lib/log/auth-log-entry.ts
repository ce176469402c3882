import type { LogEntry } from "./index";
import { scrub } from "./redact";

// next-auth's logger (`logger: { error, warn, debug }` in lib/auth/auth.ts) mapped to one JSON
// line each. Pure, so the mapping is tested without a server: lib/log/auth-log-entry.test.ts.

type AuthErrorLike = Error & { type?: unknown; code?: unknown; cause?: unknown };

const COMPONENT = "auth";

/**
 * A refused sign-in is next-auth's CredentialsSignin (or a subclass, such as LockedSignIn):
 * an everyday event, not a fault. The `type` is what AuthError sets from the class's static
 * `type`, which subclasses inherit; it is checked by value so two copies of the library agree.
 */
export function isCredentialsSignin(error: unknown): error is AuthErrorLike {
  return error instanceof Error && (error as AuthErrorLike).type === "CredentialsSignin";
}

export function authErrorEntry(error: unknown): LogEntry {
  if (isCredentialsSignin(error)) {
    const code = typeof error.code === "string" ? error.code : "credentials";
    return { level: "info", msg: "sign-in refused", fields: { component: COMPONENT, code } };
  }
  return { level: "error", msg: "auth error", fields: { component: COMPONENT, error: describeError(error) } };
}

export function authWarnEntry(code: unknown): LogEntry {
  return { level: "warn", msg: "auth warning", fields: { component: COMPONENT, code: String(code) } };
}

export function authDebugEntry(message: unknown, metadata?: unknown): LogEntry {
  const fields: Record<string, unknown> = { component: COMPONENT };
  if (metadata !== undefined) fields.metadata = scrub(metadata);
  return { level: "debug", msg: String(message), fields };
}

/**
 * Name, message and stack as fields of the one line (never printed raw), and the error
 * next-auth wrapped, if any: an AuthError keeps it in `cause.err`, beside extra data
 * (scrubbed of sensitive keys).
 */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return error !== null && typeof error === "object"
      ? { type: "object", value: scrub(error) }
      : { type: typeof error, message: String(error) };
  }
  const e = error as AuthErrorLike;
  const described: Record<string, unknown> = {
    type: typeof e.type === "string" ? e.type : e.name,
    name: e.name,
    message: e.message,
    stack: e.stack,
  };
  if (e.cause instanceof Error) {
    described.cause = { name: e.cause.name, message: e.cause.message, stack: e.cause.stack };
  } else if (e.cause && typeof e.cause === "object") {
    const { err, ...data } = e.cause as { err?: unknown };
    const cause: Record<string, unknown> = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : {};
    Object.assign(cause, scrub(data) as Record<string, unknown>);
    if (Object.keys(cause).length > 0) described.cause = cause;
  }
  return described;
}
