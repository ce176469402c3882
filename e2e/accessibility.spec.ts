// axe-core scan of each page: no serious or critical violations. Later pages join this list.
// Pages that only fill up after a run (Bank Admin with files, upload errors) are scanned in
// e2e/runs/direct-payments.spec.ts, where that data is made.
import { expect, test } from "@playwright/test";
import { scan } from "./support/axe";
import { sql, userIdByEmail } from "./support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "./support/sign-in";

test("sign-in page, empty and with errors", async ({ page }) => {
  await page.goto("/login");
  await scan(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("home page for each role", async ({ browser }) => {
  for (const email of Object.values(demoUser)) {
    const page = await freshPage(browser);
    await signInOverHttp(page.request, email);
    await page.goto("/");
    await scan(page);
    await page.close();
  }
});

test("403 page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await scan(page);
});

test("admin pages and the password page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  for (const path of ["/admin/users", `/admin/users/${await userIdByEmail(demoUser.CASEWORKER)}`, "/account/password"]) {
    await page.goto(path);
    await scan(page);
  }
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("claims pages", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const [{ reference }] = await sql<{ reference: string }>(
    `SELECT reference FROM "Claim" WHERE status = 'NEW' ORDER BY reference LIMIT 1`,
  );
  const [{ reference: approved }] = await sql<{ reference: string }>(
    `SELECT reference FROM "Claim" WHERE status = 'APPROVED' ORDER BY reference LIMIT 1`,
  );
  for (const path of [
    "/claims",
    "/claims?status=NEW&method=BANK",
    `/claims/${reference}`,
    `/claims/${approved}`,
    "/claims/new",
  ]) {
    await page.goto(path);
    await scan(page);
  }
  await page.goto(`/claims/${reference}`);
  await page.getByRole("button", { name: "Submit decision" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("admin claim tools: API tokens and the outbox", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  for (const path of ["/admin/api-tokens", "/outbox", "/claims"]) {
    await page.goto(path);
    await scan(page);
  }
});

test("runs page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  await scan(page);
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("bank admin and bank holidays pages, empty and with errors", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  await scan(page);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(errorSummary(page)).toContainText("Choose a file to upload");
  await scan(page);
  await page.goto("/bank-admin?from=2026-02-30");
  await expect(errorSummary(page)).toContainText("Runs from must be a real date");
  await scan(page);

  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/bank-holidays");
  await scan(page);
  await page
    .getByLabel("Bank holidays file (JSON)")
    .setInputFiles({ name: "holidays.json", mimeType: "application/json", buffer: Buffer.from("not json") });
  await page.getByRole("button", { name: "Upload and replace" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByRole("table", { name: "Problems in the file" })).toBeVisible();
  await scan(page);
});

test("payout page for a caseworker (uploads, the queue, batches) and for SSCL finance, empty and with errors", async ({
  page,
}) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/payout");
  await scan(page);
  await page.getByRole("button", { name: "Upload payment codes" }).click();
  await expect(errorSummary(page)).toContainText("Choose a file to upload");
  await scan(page);

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/payout");
  await expect(page.getByRole("button", { name: "Upload payment codes" })).toHaveCount(0);
  await scan(page);
});
