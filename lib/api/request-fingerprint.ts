import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every depth and arrays kept in order, so two
 * bodies that differ only in key order serialise identically. Follows
 * JSON.stringify for everything else (undefined object members dropped,
 * non-finite numbers as null, toJSON honoured).
 */
export function canonicalJson(value: unknown): string {
  if (hasToJson(value)) return canonicalJson(value.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/** sha256 hex of the canonical JSON: same Idempotency-Key + same fingerprint replays the stored answer. */
export function requestFingerprint(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}
