// Resolved as a browser would, against a stand-in origin: whatever the text (tabs and newlines,
// which browsers strip; backslashes, which they read as slashes; percent-encoding; non-ASCII), only
// a URL that stays on that origin survives, and what is returned is its normalised path, so the
// Location header can never name another site.
const BASE = "https://portal.disburse.invalid";

/** Only same-site paths: a callback URL must never send a freshly signed-in user elsewhere. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = url.pathname + url.search + url.hash;
  // A path the browser could still read as protocol-relative, or one of the sign-in machinery.
  if (path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (path === "/login" || path.startsWith("/login?") || path.startsWith("/login/") || path.startsWith("/api/")) return "/";
  return path;
}
