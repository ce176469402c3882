import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, type Role } from "./db";

export const demoUser: Record<Role, string> = {
  CASEWORKER: "caseworker@demo.disburse.test",
  SSCL_FINANCE: "sscl-finance@demo.disburse.test",
  ACCOUNTANT: "accountant@demo.disburse.test",
  PLAN_MANAGER: "plan-manager@demo.disburse.test",
  ADMIN: "admin@demo.disburse.test",
};

/** The demo's second user of the roles with four eyes: the checker of the first one's work. */
export const secondDemoUser = {
  CASEWORKER: "caseworker2@demo.disburse.test",
  ACCOUNTANT: "accountant2@demo.disburse.test",
  PLAN_MANAGER: "plan-manager2@demo.disburse.test",
} as const;

/** Signs in over HTTP (the way scripts do): fast, and shares cookies with the page's browser context. */
export async function signInOverHttp(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = await csrf.json();
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
  return session;
}

/** Signs in through the form, as a person does. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The GOV.UK error summary (Next's route announcer is also role="alert", so match by name). */
export function errorSummary(page: Page) {
  return page.getByRole("alert", { name: "There is a problem" });
}

/** A page in a context of its own: its own cookies, and what axe-core needs. */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}
