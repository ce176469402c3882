import { describe, expect, it } from "vitest";
import { activationEmail } from "./activation-email";
import { activationExpiry, activationLink, hashActivationToken, newActivationToken } from "./activation-token";

describe("the activation email", () => {
  it("carries the link and when it stops working, in UK time", () => {
    const expiresAt = activationExpiry(new Date("2026-11-22T10:00:00Z"));
    expect(expiresAt.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    const email = activationEmail({ name: "Nia Jones", link: "https://portal/activate/abc", purpose: "NEW_ACCOUNT", expiresAt });
    expect(email.subject).toBe("Set up your Disburse account");
    expect(email.body).toBe(
      [
        "Dear Nia Jones,",
        "",
        "An account has been set up for you in Disburse. Choose your password to start using it:",
        "",
        "https://portal/activate/abc",
        "",
        "The link works once, until 10:00 on 25 November 2026 (UK time). If it has expired, ask an administrator for a new one.",
        "",
        "If you did not expect this email, do not use the link: tell your administrator.",
      ].join("\n"),
    );
    const summer = activationEmail({
      name: "N",
      link: "l",
      purpose: "PASSWORD_RESET",
      expiresAt: new Date("2026-06-10T23:30:00Z"),
    });
    expect(summer.subject).toBe("Choose a new Disburse password");
    expect(summer.body).toContain("until 00:30 on 11 June 2026 (UK time)");
  });
});

describe("activation tokens", () => {
  it("are 32 random bytes in base64url; only their sha256 is kept", () => {
    const a = newActivationToken();
    const b = newActivationToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashActivationToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(activationLink("https://disburse.example.gov.uk/", a.token)).toBe(
      `https://disburse.example.gov.uk/activate/${a.token}`,
    );
  });
});
