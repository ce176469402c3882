// The keys that may carry a secret or bank details. The logger redacts them by path (see
// ./index.ts); `scrub` removes them at any depth from data the project did not shape itself,
// such as the metadata next-auth hands to its logger.
export const SENSITIVE_KEYS = [
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "apiToken",
  "authorization",
  "cookie",
  "secret",
  "csrfToken",
  "sortCode",
  "accountNumber",
  "rollNumber",
  "nameOnAccount",
  "bankDetails",
  "ciphertext",
];

export const REDACTED = "[redacted]";

const sensitive = new Set(SENSITIVE_KEYS.map((k) => k.toLowerCase()));
const MAX_DEPTH = 6;

/**
 * A JSON-safe copy of `value` with every sensitive key replaced by "[redacted]", however deep.
 * Errors become { name, message }; other class instances (Request, Headers…) only their class
 * name; anything deeper than a few levels "[truncated]".
 */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "function" || typeof value === "symbol") return undefined;
    return value;
  }
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[truncated]";
  seen.add(value);
  try {
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `[${value.constructor?.name ?? "object"}]`;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = sensitive.has(key.toLowerCase()) ? REDACTED : scrub(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
