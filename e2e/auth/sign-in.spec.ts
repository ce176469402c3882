import { expect, test } from "@playwright/test";
import { createUser, DEMO_PASSWORD, type Role } from "../support/db";
import { demoUser, errorSummary, freshPage, signInWithForm } from "../support/sign-in";

const roleLabels: Record<Role, string> = {
  CASEWORKER: "Caseworker",
  SSCL_FINANCE: "SSCL finance",
  ACCOUNTANT: "Accountant",
  PLAN_MANAGER: "Payment-plan manager",
  ADMIN: "Administrator",
};

const LOCKED = "Too many attempts. Try again in 15 minutes, or ask an administrator.";

test.describe("signing in", () => {
  for (const role of Object.keys(demoUser) as Role[]) {
    test(`${role} signs in and lands on a home page for their role`, async ({ page, request }) => {
      await signInWithForm(page, demoUser[role]);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
      await expect(page.getByRole("banner")).toContainText(roleLabels[role]);
      await expect(page.getByRole("banner")).toContainText("Demo");
      const session = await (await page.request.get("/api/auth/session")).json();
      expect(session.user.role).toBe(role);
      void request;
    });
  }

  test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers/);
    await page.getByLabel("Email address").fill(demoUser.ADMIN);
    await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD || "Disburse-demo-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/admin/users");
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  });

  test("a wrong password shows an error summary and the page title says Error", async ({ page }) => {
    await signInWithForm(page, demoUser.CASEWORKER, "not-the-password");
    const summary = errorSummary(page);
    await expect(summary).toContainText("There is a problem");
    await expect(summary).toContainText("Enter a correct email address and password.");
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page).toHaveURL(/\/login/);
  });

  test("five failures lock the account with the generic message, until an admin unlocks it", async ({ browser }) => {
    const user = await createUser("CASEWORKER", "lockout");
    const visitor = await freshPage(browser);
    for (let i = 0; i < 4; i++) {
      await signInWithForm(visitor, user.email, "wrong-password");
      await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");
    }
    await signInWithForm(visitor, user.email, "wrong-password");
    await expect(errorSummary(visitor)).toContainText(LOCKED);
    // The right password is refused with the same message while locked.
    await signInWithForm(visitor, user.email);
    await expect(errorSummary(visitor)).toContainText(LOCKED);
    // An unknown email gets the same lockout message: nothing reveals which emails exist.
    const unknown = `nobody-${Date.now()}@e2e.disburse.test`;
    for (let i = 0; i < 4; i++) {
      await signInWithForm(visitor, unknown, "wrong-password");
      await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");
    }
    await signInWithForm(visitor, unknown, "wrong-password");
    await expect(errorSummary(visitor)).toContainText(LOCKED);

    const admin = await freshPage(browser);
    await signInWithForm(admin, demoUser.ADMIN);
    await expect(admin).toHaveURL("/");
    await admin.goto(`/admin/users/${user.id}`);
    await expect(admin.getByText("Locked", { exact: true })).toBeVisible();
    await admin.getByRole("button", { name: "Unlock user" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "User unlocked" })).toBeVisible();
    await expect(admin.getByText("Locked", { exact: true })).toHaveCount(0);

    await signInWithForm(visitor, user.email);
    await expect(visitor).toHaveURL("/");
    await expect(visitor.getByRole("banner")).toContainText(user.name);
  });

  test("signing out ends the session", async ({ page }) => {
    await signInWithForm(page, demoUser.ACCOUNTANT);
    await expect(page).toHaveURL("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a cookie copied before sign-out is refused afterwards, by pages and by API routes", async ({ browser }) => {
    const user = await createUser("CASEWORKER", "copied-cookie");
    const page = await freshPage(browser);
    await signInWithForm(page, user.email);
    await expect(page).toHaveURL("/");
    const stolen = await (await browser.newContext()).newPage();
    await stolen.context().addCookies(await page.context().cookies());
    expect((await stolen.request.post("/api/session")).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await stolen.request.post("/api/session")).status()).toBe(401);
    await stolen.goto("/claims");
    await expect(stolen).toHaveURL(/\/login/);
  });

  test("an open redirect in the callback URL stays on the site", async ({ page }) => {
    const user = await createUser("CASEWORKER", "redirect");
    for (const callbackUrl of ["/%09/evil.example", "/\\evil.example", "//evil.example", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/login");
      expect(new URL(page.url()).origin).toBe(new URL(page.url(), "http://127.0.0.1").origin);
      expect(new URL(page.url()).hostname).toBe("127.0.0.1");
    }
  });
});
