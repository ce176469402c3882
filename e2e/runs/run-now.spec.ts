import { expect, test } from "@playwright/test";
import { sql } from "../support/db";
import { demoUser, errorSummary, signInOverHttp } from "../support/sign-in";

test("SSCL finance runs the direct-payments run now, after confirming, and sees it in the history", async ({ page }) => {
  const [{ waiting }] = await sql<{ waiting: string }>(
    `SELECT count(*) AS waiting FROM "Payment" WHERE status = 'NEW' AND method = 'BANK' AND "holdReason" IS NULL`,
  );
  expect(Number(waiting)).toBeGreaterThan(0);

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(errorSummary(page)).toContainText("Confirm that you want to start the run");
  await page.getByLabel("I want to send every waiting bank payment to a new AccessPay file now").check();
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run finished:" })).toBeVisible({ timeout: 60_000 });

  await page.reload();
  const row = page.getByRole("table", { name: "Runs, newest first" }).getByRole("row").nth(1);
  await expect(row).toContainText("Succeeded");
  await expect(row).toContainText(/accesspay_\d{8}_\d{6}\.csv/);
  await expect(row).toContainText(/adi-journal_\d{8}_\d{6}\.xlsx/);
  const [{ sent }] = await sql<{ sent: string }>(`SELECT count(*) AS sent FROM "Payment" WHERE status = 'SENT'`);
  expect(Number(sent)).toBeGreaterThanOrEqual(Number(waiting));
  // SSCL finance may run, but only an admin retries a failed run.
  await expect(page.getByRole("button", { name: "Retry this run" })).toHaveCount(0);
});
