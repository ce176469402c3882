// The security headers of every page (docs/security.md#headers-and-transport). Pure: the proxy
// (proxy.ts) gives the nonce it made and whether the request came over https.

/** A nonce-based policy: only scripts carrying this response's nonce (and what they load) run. */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; dev: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Nothing this portal does needs the browser's sensors, payment or device features. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "interest-cohort=()",
].join(", ");

/** Two years, as GOV.UK services send it; only ever over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

export function pageSecurityHeaders(nonce: string, options: { https: boolean; dev: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
