// GOV.UK patterns across the portal (docs/design-patterns.md): results at the top of the page,
// stale tabs that say who changed what, titles of refusals, status tags, plain-English history,
// the footer and the account page, and the sign-in form keeping the email.
import { expect, test, type Page } from "@playwright/test";
import { postClaim } from "./support/claims";
import { createUser, sql } from "./support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp, signInWithForm } from "./support/sign-in";

const nameOf = async (email: string) =>
  (await sql<{ name: string }>(`SELECT name FROM "User" WHERE email = $1`, [email]))[0].name;

/** The first element inside <main>: what a result banner must be, above the page's heading. */
const firstInMain = (page: Page) => page.locator("main > *").first();

test("an action's success shows as a banner at the top of the page, which takes focus", async ({ page }) => {
  const claim = await postClaim(page.request);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await page.getByRole("button", { name: "Assign to me" }).click();

  const banner = page.getByRole("status").filter({ hasText: "The claim is assigned to you." });
  await expect(banner).toBeVisible();
  await expect(banner).toBeFocused();
  await expect(banner).toContainText("Success");
  await expect(firstInMain(page)).toContainText("The claim is assigned to you.");
  // The form that raised it has gone (the claim is assigned now); the banner stays.
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
});

test("a stale tab says the change was the user's own, in another tab, with a link that reloads", async ({ browser }) => {
  const first = await freshPage(browser);
  const claim = await postClaim(first.request);
  await signInOverHttp(first.request, demoUser.CASEWORKER);
  const second = await first.context().newPage();
  await first.goto(`/claims/${claim.reference}`);
  await second.goto(`/claims/${claim.reference}`);

  await first.getByRole("button", { name: "Assign to me" }).click();
  await expect(first.getByRole("status").filter({ hasText: "The claim is assigned to you." })).toBeVisible();
  await second.getByRole("button", { name: "Assign to me" }).click();

  const summary = errorSummary(second);
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(
    new RegExp(`You changed this claim in another tab at \\d{2}:\\d{2}: Assigned to ${await nameOf(demoUser.CASEWORKER)}\\.`),
  );
  await expect(second).toHaveTitle(/^Error: /);
  await expect(firstInMain(second)).toContainText("There is a problem");
  await summary.getByRole("link", { name: "Reload the page to see the change" }).click();
  await expect(second.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  await expect(errorSummary(second)).toHaveCount(0);
});

test("a stale tab names the other caseworker who changed the claim", async ({ browser }) => {
  const mine = await freshPage(browser);
  const theirs = await freshPage(browser);
  const claim = await postClaim(mine.request);
  await signInOverHttp(mine.request, demoUser.CASEWORKER);
  await signInOverHttp(theirs.request, "caseworker2@demo.disburse.test");
  await mine.goto(`/claims/${claim.reference}`);
  await theirs.goto(`/claims/${claim.reference}`);

  await theirs.getByRole("button", { name: "Assign to me" }).click();
  await expect(theirs.getByRole("status").filter({ hasText: "The claim is assigned to you." })).toBeVisible();
  await mine.getByRole("button", { name: "Assign to me" }).click();
  const other = await nameOf("caseworker2@demo.disburse.test");
  await expect(errorSummary(mine)).toContainText(
    new RegExp(`${other} changed this claim at \\d{2}:\\d{2}: Assigned to ${other}\\. Reload the page`),
  );
});

test("refusals have their own titles: 403 'You do not have access', an unknown claim 'Page not found'", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  await expect(page).toHaveTitle("You do not have access – Disburse");

  expect((await page.goto("/claims/ZZZZZZZ"))?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found – Disburse");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found – Disburse");
});

test("a claim's New and its payment's Waiting for run are different tags", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const [row] = await sql<{ reference: string; payment: string }>(
    `SELECT c.reference, p.reference AS payment FROM "Claim" c JOIN "Payment" p ON p."claimId" = c.id
     WHERE p.status = 'NEW' ORDER BY c.reference LIMIT 1`,
  );
  test.skip(!row, "no claim with a payment waiting for its run in the demo data");
  await page.goto(`/claims/${row.reference}`);
  const payments = page.getByRole("table", { name: "Payments for this claim" });
  await expect(payments.getByRole("row").filter({ hasText: row.payment })).toContainText("Waiting for run");

  await page.goto("/claims?status=NEW");
  const firstRow = page.getByRole("table").getByRole("row").nth(1);
  await expect(firstRow.locator("strong", { hasText: /^New$/ })).toBeVisible();
});

test("a user's history is in plain English with names, never codes or emails", async ({ page }) => {
  const user = await createUser("CASEWORKER", "history");
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto(`/admin/users/${user.id}`);
  await page.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User disabled" })).toBeVisible();
  await page.reload();
  const history = page.getByRole("table", { name: "Changes to this user, newest first" });
  await expect(history).toContainText(`Account disabled by ${await nameOf(demoUser.ADMIN)}`);
  await expect(history).not.toContainText("user.disabled");
  await expect(history).not.toContainText("@");
});

test("the footer links to the accessibility statement, which is readable signed out, with the help desk", async ({ page }) => {
  await page.goto("/login");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("support@demo.disburse.test");
  await footer.getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page).toHaveURL("/accessibility");
  await expect(page).toHaveTitle("Accessibility statement – Disburse");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement for Disburse");
  await expect(page.getByRole("main").getByRole("link", { name: "support@demo.disburse.test" })).toBeVisible();
});

test("'Your account' in the header opens the account page: name, email, role, last sign-in", async ({ page }) => {
  await signInWithForm(page, demoUser.ACCOUNTANT);
  await expect(page).toHaveURL("/");
  await page.getByRole("banner").getByRole("link", { name: "Your account" }).click();
  await expect(page).toHaveURL("/account");
  await expect(page).toHaveTitle("Your account – Disburse");
  const details = page.getByRole("main");
  await expect(details).toContainText(await nameOf(demoUser.ACCOUNTANT));
  await expect(details).toContainText(demoUser.ACCOUNTANT);
  await expect(details).toContainText("Accountant");
  await expect(details.getByText("Last signed in")).toBeVisible();
  await details.getByRole("link", { name: "Change your password" }).click();
  await expect(page).toHaveURL("/account/password");
});

test("the sign-in form keeps the email after a wrong password, and not the password", async ({ page }) => {
  const user = await createUser("CASEWORKER", "sign-in");
  await signInWithForm(page, user.email, "not-the-password");
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});
