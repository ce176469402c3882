// SSCL finance's "Run now" on /runs, for specs that need their payments sent, and their Bank Admin downloads.
import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { sql } from "./db";

const RUNS = {
  bank: { confirm: "I want to send every waiting bank payment to a new AccessPay file now", button: "Run direct payments now" },
  payout: {
    confirm: "I want to send every waiting cash payment to the Post Office in new Payout files now",
    button: "Run Payout now",
  },
} as const;

/** Starts the run after confirming, and waits for it to finish (a page signed in as SSCL finance or an admin). */
export async function runNow(page: Page, kind: keyof typeof RUNS) {
  await page.goto("/runs");
  await page.getByLabel(RUNS[kind].confirm).check();
  await page.getByRole("button", { name: RUNS[kind].button }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run finished:" })).toBeVisible({ timeout: 60_000 });
}

/**
 * SSCL finance downloads the AccessPay file and the ADI journal of the run that sent the payment
 * from Bank Admin, as they do for the bank (so no run is left "not downloaded"); returns the
 * AccessPay file's lines.
 */
export async function downloadBankFiles(page: Page, paymentReference: string): Promise<string[]> {
  const [{ runId }] = await sql<{ runId: string }>(
    `SELECT b."runId" FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
     JOIN "Batch" b ON b.id = l."batchId" WHERE p.reference = $1`,
    [paymentReference],
  );
  await page.goto("/bank-admin");
  const run = page.locator(`#run-${runId}`);
  let accessPay = "";
  for (const name of [/^Download accesspay_\d{8}_\d{6}\.csv/, /^Download adi-journal_\d{8}_\d{6}\.xlsx/]) {
    const download = page.waitForEvent("download");
    await run.getByRole("link", { name }).click();
    const saved = await download;
    if (saved.suggestedFilename().endsWith(".csv")) accessPay = await readFile(await saved.path(), "utf8");
  }
  return accessPay.split(/\r?\n/).filter(Boolean);
}
