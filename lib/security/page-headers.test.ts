import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, pageSecurityHeaders } from "./page-headers";

describe("page security headers", () => {
  it("allows scripts only by this response's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy("abc123", { https: false, dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
  });

  it("sends HSTS and upgrades requests only over https", () => {
    expect(pageSecurityHeaders("n", { https: false, dev: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(contentSecurityPolicy("n", { https: false, dev: false })).not.toContain("upgrade-insecure-requests");
    const https = pageSecurityHeaders("n", { https: true, dev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(https["Permissions-Policy"]).toContain("camera=()");
  });
});
