// The direct-payments rail end to end, in order: SSCL runs now, downloads both files from Bank
// Admin (recorded, the banner clears), uploads SSCL's failed-payments file; a caseworker sees the
// failure, a second caseworker approves new bank details, the first reissues; the next run pays it.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

let accessPayCsv = "";

async function runNow(page: Page) {
  await page.goto("/runs");
  await page.getByLabel("I want to send every waiting bank payment to a new AccessPay file now").check();
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run finished:" })).toBeVisible({ timeout: 60_000 });
}

test("SSCL finance runs the direct-payments run now, after confirming, and sees it in the history", async ({ page }) => {
  const [{ waiting }] = await sql<{ waiting: string }>(
    `SELECT count(*) AS waiting FROM "Payment" WHERE status = 'NEW' AND method = 'BANK' AND "holdReason" IS NULL`,
  );
  expect(Number(waiting)).toBeGreaterThan(0);

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(errorSummary(page)).toContainText("Confirm that you want to start the run");
  await runNow(page);

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

test("SSCL finance downloads both files from Bank Admin; the downloads are recorded and the banner clears", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  const banner = page.getByRole("region", { name: "Files not downloaded" });
  await expect(banner).toContainText(/accesspay_\d{8}_\d{6}\.csv, adi-journal_\d{8}_\d{6}\.xlsx/);

  const [file] = await sql<{ id: string; fileName: string; sha256: string; runId: string }>(
    `SELECT f.id, f."fileName", f.sha256, b."runId" FROM "BatchFile" f JOIN "Batch" b ON b.id = f."batchId"
     WHERE f.kind = 'ACCESSPAY_CSV' ORDER BY f."createdAt" DESC LIMIT 1`,
  );
  const run = page.locator(`#run-${file.runId}`);
  await expect(run).toContainText(file.sha256);
  await scan(page);
  for (const name of [/accesspay_.*\.csv/, /adi-journal_.*\.xlsx/]) {
    const download = page.waitForEvent("download");
    await run.getByRole("link", { name: new RegExp(`Download ${name.source}`) }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(name);
    if (saved.suggestedFilename().endsWith(".csv")) accessPayCsv = await readFile(await saved.path(), "utf8");
  }
  expect(accessPayCsv).toMatch(/^\d{6},\d{8},[^,]+,\d+\.\d{2},[0-9A-Z]{7}-\d{2}\r?\n/);

  await page.reload();
  // Other specs' runs may still wait for their downloads: this run's files are off the banner.
  await expect(page.getByRole("region", { name: "Files not downloaded" }).filter({ hasText: file.fileName })).toHaveCount(0);
  await expect(run.getByText(/^First by /)).toHaveCount(2);
  const [{ downloads }] = await sql<{ downloads: string }>(
    `SELECT count(*) AS downloads FROM "FileDownload" d JOIN "BatchFile" f ON f.id = d."batchFileId" JOIN "Batch" b ON b.id = f."batchId" WHERE b."runId" = $1`,
    [file.runId],
  );
  expect(Number(downloads)).toBe(2);
});

test("a failed payment comes back from SSCL, is reissued to approved new bank details, and the next run pays it", async ({
  page,
  browser,
}) => {
  const firstLine = accessPayCsv.split(/\r?\n/)[0];
  const reference = firstLine.split(",")[4];
  const claimReference = reference.slice(0, 7);
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  const fileInput = page.getByLabel("SSCL failed-payments file (CSV)");

  // A file with a wrong amount is refused whole, with the line named and a report to download.
  const wrongAmount = firstLine.replace(
    /,(\d+)\.(\d{2}),/,
    (_m, pounds: string, pence: string) => `,${Number(pounds) + 1}.${pence},`,
  );
  await fileInput.setInputFiles({
    name: "failed-wrong.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${firstLine},Account closed\n${wrongAmount}\n`),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(errorSummary(page)).toContainText("Nothing was changed");
  await expect(page.getByRole("table", { name: "Problems in the file" })).toContainText("amount mismatch");
  const report = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the rows with an Error column (CSV)" }).click();
  expect(await readFile(await (await report).path(), "utf8")).toContain("amount mismatch");
  await scan(page);
  const [{ status: stillSent }] = await sql<{ status: string }>(`SELECT status FROM "Payment" WHERE reference = $1`, [reference]);
  expect(stillSent).toBe("SENT");

  const good = Buffer.from(`\uFEFF${firstLine},Account closed\r\n`);
  await fileInput.setInputFiles({ name: "failed.csv", mimeType: "text/csv", buffer: good });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 payment marked as failed" })).toBeVisible();
  await fileInput.setInputFiles({ name: "failed-again.csv", mimeType: "text/csv", buffer: good });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This file was already uploaded" })).toBeVisible();

  // The caseworker sees the failure and the claim back with them; new details need a second caseworker.
  const maker = await freshPage(browser);
  await signInOverHttp(maker.request, demoUser.CASEWORKER);
  await maker.goto(`/claims/${claimReference}`);
  await expect(maker.getByText("Needs attention", { exact: true })).toBeVisible();
  await expect(maker.getByRole("table", { name: "Payments for this claim" })).toContainText("Failed: Account closed");
  await expect(maker.getByText(`Payment ${reference} failed: Account closed.`)).toBeVisible();
  await expect(maker.getByText("Rejected by the bank: Account closed")).toBeVisible();
  await maker.getByText("Change bank details", { exact: true }).click();
  await maker.getByLabel("Name on the account").fill("Ada Lovelace");
  await maker.getByLabel("Sort code").fill("08-99-99");
  await maker.getByLabel("Account number").fill("66374958");
  await maker.getByRole("button", { name: "Propose new bank details" }).click();
  await expect(maker.getByRole("status").filter({ hasText: "Another caseworker must approve them" })).toBeVisible();

  const checker = await freshPage(browser);
  await signInOverHttp(checker.request, "caseworker2@demo.disburse.test");
  await checker.goto(`/claims/${claimReference}`);
  await checker.getByRole("button", { name: "Approve new bank details" }).click();
  await expect(checker.getByRole("status").filter({ hasText: "New bank details approved." })).toBeVisible();

  await maker.reload();
  await maker.getByRole("button", { name: `Reissue payment ${reference}` }).click();
  const reissued = `${claimReference}-02`;
  await expect(maker.getByRole("status").filter({ hasText: `Payment reissued as ${reissued}` })).toBeVisible();
  await maker.reload();
  await expect(maker.getByRole("table", { name: "Payments for this claim" })).toContainText(`Replaces ${reference}`);
  await expect(maker.getByText("Needs attention", { exact: true })).toHaveCount(0);

  // The next run pays the new payment, to the new details.
  await runNow(page);
  const [paid] = await sql<{ status: string; fileReference: string }>(
    `SELECT p.status, l."fileReference" FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid" WHERE p.reference = $1`,
    [reissued],
  );
  expect(paid).toEqual({ status: "SENT", fileReference: reissued });
});

test("an admin voids the batch AccessPay rejected: its payments wait for the next run, its files stay, marked void", async ({
  page,
}) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  const [batch] = await sql<{ id: string; runId: string }>(
    `SELECT id, "runId" FROM "Batch" WHERE status = 'STORED' ORDER BY "createdAt" DESC LIMIT 1`,
  );
  const payments = await sql<{ id: string }>(`SELECT "paymentId" AS id FROM "FileLine" WHERE "batchId" = $1`, [batch.id]);
  await page.goto("/bank-admin");
  const run = page.locator(`#run-${batch.runId}`);
  await run.getByText("Void this batch (AccessPay rejected the file)").click();
  await run.getByRole("button", { name: "Void this batch" }).click();
  await expect(errorSummary(page)).toContainText("Enter why the batch is void");
  await scan(page);
  await run.getByLabel("Why is this batch void?").fill("AccessPay rejected the file: wrong header");
  await run.getByLabel(/The bank has not paid and will not pay this file/).check();
  await run.getByRole("button", { name: "Void this batch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Batch voided" })).toBeVisible();

  await page.reload();
  await expect(run).toContainText("Voided by");
  await expect(run).toContainText("AccessPay rejected the file: wrong header");
  await expect(run.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  const statuses = await sql<{ status: string }>(`SELECT DISTINCT status FROM "Payment" WHERE id = ANY($1::uuid[])`, [
    payments.map((p) => p.id),
  ]);
  expect(statuses).toEqual([{ status: "NEW" }]);
  const [{ files }] = await sql<{ files: string }>(
    `SELECT count(*) AS files FROM "BatchFile" WHERE "batchId" = $1 AND "isVoid"`,
    [batch.id],
  );
  expect(Number(files)).toBe(2);
  // SSCL finance sees the void batch but may not void one.
  const sscl = page.context();
  await sscl.clearCookies();
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  await expect(page.getByText("Void this batch (AccessPay rejected the file)")).toHaveCount(0);
});
