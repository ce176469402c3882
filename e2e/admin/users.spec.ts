// Accounts take two admins and nobody but the user ever holds their password (docs/security.md#two-people-for-every-money-move):
// an admin creates an account, a second admin approves it, and the user sets their own password
// with the single-use link (in demo mode without Notify, shown once to the approving admin).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { createUser, sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp, signInWithForm } from "../support/sign-in";

const SECOND_ADMIN = "admin2@demo.disburse.test";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await freshPage(browser);
  await signInOverHttp(page.request, email);
  return page;
}

/** The second admin approves the item named `heading` on /admin/approvals and returns the demo link shown. */
async function approveAsSecondAdmin(browser: Browser, heading: string): Promise<string | null> {
  const checker = await signedIn(browser, SECOND_ADMIN);
  await checker.goto("/admin/approvals");
  const item = checker.getByRole("article", { name: heading });
  await item.getByRole("button", { name: "Record decision" }).click();
  await expect(errorSummary(checker)).toContainText("Choose whether to approve or reject");
  await scan(checker);
  await item.getByLabel("Approve").check();
  await item.getByRole("button", { name: "Record decision" }).click();
  await expect(checker.getByRole("status").filter({ hasText: "Approved" }).first()).toBeVisible();
  const link = item.getByTestId("activation-link");
  if ((await link.count()) === 0) return null;
  await expect(item).toContainText("Demo only: in production this link is emailed to the user and never shown.");
  await scan(checker);
  return (await link.textContent())!.trim();
}

/** A signed-out visitor follows the link and sets a password. */
async function setPasswordWithLink(browser: Browser, link: string, password: string): Promise<Page> {
  const visitor = await freshPage(browser);
  await visitor.goto(link);
  await scan(visitor);
  await visitor.getByLabel("New password", { exact: true }).fill("Short");
  await visitor.getByLabel("Confirm new password").fill("Short");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(errorSummary(visitor)).toContainText("New password must be 12 characters or more");
  await scan(visitor);
  await visitor.getByLabel("New password", { exact: true }).fill(password);
  await visitor.getByLabel("Confirm new password").fill(password);
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByRole("status")).toContainText("Your password is set.");
  return visitor;
}

test("an admin creates a user, a second admin approves, and the user sets their own password with the link", async ({
  page,
  browser,
}) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/users");
  const stamp = Date.now();
  const email = `new-${stamp}@e2e.disburse.test`;
  const name = `Nia Jones ${stamp}`;
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Accountant" });
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "waiting for another administrator to approve it" })).toBeVisible();
  // The creating admin is shown no password and no link.
  await expect(page.getByTestId("activation-link")).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Awaiting approval");

  // Nobody can sign in to it yet, and its maker cannot approve it.
  const visitor = await freshPage(browser);
  await signInWithForm(visitor, email, "Disburse-demo-1");
  await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");
  await page.goto("/admin/approvals");
  const mine = page.getByRole("article", { name: `New account: ${name}` });
  await expect(mine).toContainText("You proposed this: another administrator must approve or reject it.");
  await expect(mine.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await scan(page);

  const link = await approveAsSecondAdmin(browser, `New account: ${name}`);
  expect(link).toMatch(/\/activate\/[A-Za-z0-9_-]{43}$/);
  const newcomer = await setPasswordWithLink(browser, link!, "Nia-chooses-her-own-1");
  await signInWithForm(newcomer, email, "Nia-chooses-her-own-1");
  await expect(newcomer).toHaveURL("/");
  await expect(newcomer.getByRole("banner")).toContainText("Accountant");

  // The link worked once.
  const again = await freshPage(browser);
  await again.goto(link!);
  await expect(
    again.getByText("This link has expired or has already been used. Ask an administrator for a new one."),
  ).toBeVisible();

  const audit = await sql<{ action: string }>(
    `SELECT action FROM "AuditLog" WHERE "entityId" = (SELECT id::text FROM "User" WHERE email = $1) ORDER BY id`,
    [email],
  );
  expect(audit.map((a) => a.action)).toEqual([
    "user.created",
    "role-grant.proposed",
    "role-grant.approved",
    "user.activation-link-issued",
    "user.activated",
  ]);
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

test("an admin proposes a role change (a second admin approves it), disables a user and resets a password", async ({
  page,
  browser,
}) => {
  const user = await createUser("CASEWORKER", "managed");
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto(`/admin/users/${user.id}`);

  await page.getByLabel("New role").selectOption({ label: "SSCL finance" });
  await page.getByRole("button", { name: "Propose role change" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role change proposed" })).toBeVisible();
  await page.reload();
  // The role row and the account's status row both name the waiting grant.
  await expect(page.getByRole("definition").filter({ hasText: "Role change to SSCL finance" }).first()).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Caseworker" }).first()).toBeVisible();
  await approveAsSecondAdmin(browser, `Role change: ${user.name}`);
  await page.reload();
  await expect(page.getByRole("definition").filter({ hasText: "SSCL finance" }).first()).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Role change to SSCL finance" })).toHaveCount(0);
  await expect(page.getByRole("table")).toContainText("Role change approved by");

  await page.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User disabled" })).toBeVisible();
  const visitor = await freshPage(browser);
  await signInWithForm(visitor, user.email);
  await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");

  await page.reload();
  await page.getByRole("button", { name: "Enable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User enabled." })).toBeVisible();
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password reset." })).toBeVisible();
  const link = (await page.getByTestId("activation-link").textContent())!.trim();
  await signInWithForm(visitor, user.email);
  await expect(errorSummary(visitor)).toContainText("Enter a correct email address and password.");
  const back = await setPasswordWithLink(browser, link, "Managed-user-new-password");
  await signInWithForm(back, user.email, "Managed-user-new-password");
  await expect(back).toHaveURL("/");
});

test("an admin cannot change their own role or disable themselves", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  const [me] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [demoUser.ADMIN]);
  await page.goto(`/admin/users/${me.id}`);
  await expect(page.getByText("You cannot change your own role or status.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable user" })).toHaveCount(0);
});
