// Every page carries a nonce-based Content-Security-Policy, and the portal's own pages break none of
// it: the browser reports each violation as a "securitypolicyviolation" event, collected here on
// every page of every role's navigation, the forms with their errors, and the claim pages.
import { expect, test, type Page } from "@playwright/test";
import { demoUser, signInOverHttp } from "../support/sign-in";

const ROLES_PAGES: Record<keyof typeof demoUser, string[]> = {
  CASEWORKER: ["/", "/claims", "/claims/new", "/payout", "/account/password"],
  SSCL_FINANCE: ["/", "/runs", "/bank-admin", "/payout"],
  ACCOUNTANT: ["/", "/payment-cycles", "/payment-plans", "/benefit-plans", "/payment-points"],
  PLAN_MANAGER: ["/", "/benefit-plans", "/benefit-plans/new", "/payment-plans/new", "/payment-points/new"],
  ADMIN: ["/", "/admin/users", "/admin/approvals", "/admin/api-tokens", "/outbox", "/admin/bank-holidays"],
};

async function collectViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => {
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test("the sign-in page has the policy, with a fresh nonce each time, and breaks none of it", async ({ page }) => {
  await collectViolations(page);
  const first = await page.goto("/login");
  const second = await page.goto("/login");
  const policies = [first, second].map((r) => r?.headers()["content-security-policy"] ?? "");
  for (const policy of policies) {
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
  }
  expect(policies[0].match(/nonce-([^']+)/)?.[1]).not.toBe(policies[1].match(/nonce-([^']+)/)?.[1]);
  expect(second?.headers()["permissions-policy"]).toContain("camera=()");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

for (const [role, paths] of Object.entries(ROLES_PAGES) as [keyof typeof demoUser, string[]][]) {
  test(`${role}'s pages run under the policy without a violation`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await collectViolations(page);
    await signInOverHttp(page.request, demoUser[role]);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
      await page.waitForLoadState("networkidle"); // hydrated: the scripts that could break the policy have run
      expect(await violations(page), path).toEqual([]);
    }
    await context.close();
  });
}
