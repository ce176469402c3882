import { expect, test } from "@playwright/test";
import { createUser, sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp, signInWithForm } from "../support/sign-in";

test("an admin creates a user, who signs in with the one-time password and must choose their own", async ({ page, browser }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/users");
  const email = `new-${Date.now()}@e2e.disburse.test`;
  await page.getByLabel("Full name").fill("Nia Jones");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Accountant" });
  await page.getByRole("button", { name: "Create user" }).click();
  const password = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  await expect(page.getByRole("row", { name: /Nia Jones/ })).toContainText("Accountant");

  const newcomer = await freshPage(browser);
  await signInWithForm(newcomer, email, password);
  await expect(newcomer).toHaveURL("/account/password");
  // Until the password is changed, other pages send them back here.
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL("/account/password");
  await newcomer.getByLabel("Current password").fill(password);
  await newcomer.getByLabel("New password", { exact: true }).fill("Short");
  await newcomer.getByLabel("Confirm new password").fill("Short");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(errorSummary(newcomer)).toContainText("New password must be 12 characters or more");
  await newcomer.getByLabel("Current password").fill(password);
  await newcomer.getByLabel("New password", { exact: true }).fill("Nia-chooses-her-own-1");
  await newcomer.getByLabel("Confirm new password").fill("Nia-chooses-her-own-1");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer).toHaveURL("/");
  await expect(newcomer.getByRole("banner")).toContainText("Accountant");

  const [audit] = await sql<{ n: string }>(
    `SELECT count(*) AS n FROM "AuditLog" WHERE action IN ('user.created', 'user.password-changed') AND "entityId" = (SELECT id::text FROM "User" WHERE email = $1)`,
    [email],
  );
  expect(Number(audit.n)).toBe(2);
});

test("a duplicate email is refused with a message on the field", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/users");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email address").fill(demoUser.CASEWORKER);
  await page.getByLabel("Role").selectOption({ label: "Caseworker" });
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(errorSummary(page)).toContainText("A user with this email address already exists");
  await expect(page.getByRole("link", { name: "A user with this email address already exists" })).toHaveAttribute(
    "href",
    "#email",
  );
});

test("an admin changes a role, disables a user and resets a password", async ({ page, browser }) => {
  const user = await createUser("CASEWORKER", "managed");
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto(`/admin/users/${user.id}`);

  await page.getByLabel("New role").selectOption({ label: "SSCL finance" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role changed." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("definition").filter({ hasText: "SSCL finance" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("user.role-changed");

  await page.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User disabled" })).toBeVisible();
  const visitor = await freshPage(browser);
  await signInWithForm(visitor, user.email);
  await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");

  await page.reload();
  await page.getByRole("button", { name: "Enable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User enabled." })).toBeVisible();
  await page.getByRole("button", { name: "Reset password" }).click();
  const password = (await page.getByTestId("one-time-password").textContent())!.trim();
  await signInWithForm(visitor, user.email, password);
  await expect(visitor).toHaveURL("/account/password");
});

test("an admin cannot change their own role or disable themselves", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  const [me] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [demoUser.ADMIN]);
  await page.goto(`/admin/users/${me.id}`);
  await expect(page.getByText("You cannot change your own role or status.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable user" })).toHaveCount(0);
});
