// The SFTP server's host key is pinned (PAYOUT_SFTP_HOST_KEY): the portal only talks to the server
// whose key has the configured fingerprint, so a server put in its place (or a re-keyed one the
// Post Office did not announce) gets no vouchers. The fingerprint is written the way OpenSSH prints
// it (`ssh-keygen -lf key.pub`, or `ssh-keyscan host | ssh-keygen -lf -`), so whoever sets it up can
// compare it with what the Post Office sends.
import { createHash } from "node:crypto";

/** "SHA256:<base64 without padding>" of an SSH public key blob (the wire form ssh2 hands its hostVerifier). */
export function hostKeyFingerprint(keyBlob: Uint8Array): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

// A SHA-256 digest is 32 bytes: 43 base64 characters without padding.
const FINGERPRINT = /(?<![A-Za-z0-9+/])SHA256:([A-Za-z0-9+/]{43})=?(?![A-Za-z0-9+/=])/g;
const NOT_A_FINGERPRINT = /(?<![A-Za-z0-9+/])SHA256:(?![A-Za-z0-9+/]{43}=?(?![A-Za-z0-9+/=]))/;

/**
 * The fingerprints in a configured value: "SHA256:…" (with or without a trailing "="), or a whole
 * `ssh-keygen -lf` line ("256 SHA256:… comment (ED25519)"). Several may be given, separated by commas
 * or spaces: a server with several host keys (ED25519, ECDSA, RSA) shows the one the client and
 * server agree on, so pinning each of its keys keeps a change of that choice from stopping delivery.
 * Empty when there is none, or when any "SHA256:" is not followed by a whole fingerprint.
 */
export function pinnedFingerprints(configured: string): string[] {
  if (NOT_A_FINGERPRINT.test(configured)) return [];
  return [...new Set([...configured.matchAll(FINGERPRINT)].map((match) => `SHA256:${match[1]}`))];
}
