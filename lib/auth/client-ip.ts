import { isIP } from "node:net";

/**
 * The client's address as the nearest trusted proxy saw it: the X-Forwarded-For entry `hops` from
 * the right (each proxy appends the address it was reached from). With no proxy (hops 0), Next.js
 * fills the header with the socket's address only when the client sent none, so the rightmost entry
 * is used and can be forged: the per-IP limit then only slows careless bursts, and the per-email
 * lock (lib/auth/verify-credentials.ts), which cannot be raced, is what holds.
 */
export function clientIp(forwardedFor: string | null | undefined, hops: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return null;
  const index = hops === 0 ? entries.length - 1 : Math.max(entries.length - hops, 0);
  const address = entries[index].replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address.toLowerCase() : null;
}
