// A bank batch's reconciliation as SSCL finance follows it (docs/batch-reconciliation.md): two bank
// claims approved, the run sends them, both files downloaded from Bank Admin (the batch reads
// "Downloaded"), SSCL's failed-payments file names both payments: the upload result names each with
// its amount and the total, the batch's figures show them failed and add up to the file's total,
// the same file again is "already uploaded"; the reconciliation CSV downloads. Then the Payout
// batch page's reconciliation. Both pages are scanned with axe.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { scan } from "../support/axe";
import { approveNewClaim } from "../support/claims";
import { sql } from "../support/db";
import { downloadBankFiles, runNow } from "../support/runs";
import { demoUser, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

// "Run now" sends every waiting payment, the demo's claims included. Specs after this one (the
// direct-payments and Payout journeys) start from payments waiting, so this spec leaves one of each
// method it found waiting, as recurring-benefits.spec.ts does.
const foundWaiting = { BANK: false, CASH: false };

async function recordWaiting(method: "BANK" | "CASH") {
  const [{ waiting }] = await sql<{ waiting: string }>(
    `SELECT count(*) AS waiting FROM "Payment" WHERE status = 'NEW' AND method = $1 AND "holdReason" IS NULL AND "claimId" IS NOT NULL`,
    [method],
  );
  foundWaiting[method] ||= Number(waiting) > 0;
}

test.afterAll(async ({ browser }) => {
  const methods = (["BANK", "CASH"] as const).filter((m) => foundWaiting[m]);
  if (methods.length === 0) return;
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  for (const method of methods) await approveNewClaim(caseworker, method);
  await caseworker.context().close();
});

const pounds = (pence: number) => `£${Math.floor(pence / 100).toLocaleString("en-GB")}.${String(pence % 100).padStart(2, "0")}`;

test("SSCL finance sees a bank batch's reconciliation after a failed-payments upload", async ({ page, browser }, testInfo) => {
  await recordWaiting("BANK");
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  const claims = [await approveNewClaim(caseworker, "BANK"), await approveNewClaim(caseworker, "BANK")];
  const references = claims.map((c) => `${c}-01`);

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await runNow(page, "bank");
  const accessPay = await downloadBankFiles(page, references[0]);
  const [batch] = await sql<{ id: string; runId: string; count: string; pence: string }>(
    `SELECT b.id, b."runId", f."lineCount" AS count, f."totalPence" AS pence
     FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid" JOIN "Batch" b ON b.id = l."batchId"
     JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'ACCESSPAY_CSV' WHERE p.reference = $1`,
    [references[0]],
  );
  const sent = { count: Number(batch.count), pence: Number(batch.pence) };
  const run = page.locator(`#run-${batch.runId}`);

  // Downloaded; the journal is listed with its journal lines.
  await page.reload();
  await expect(run.getByText("Downloaded", { exact: true })).toBeVisible();
  await expect(run).toContainText("ADI journal: 2 journal lines");
  await expect(run).toContainText(`AccessPay CSV: ${sent.count} payment line${sent.count === 1 ? "" : "s"}`);

  // SSCL's file: our two payments' lines, in the order the AccessPay file has them.
  const ours = accessPay.filter((line) => references.includes(line.split(",")[4]));
  expect(ours).toHaveLength(2);
  const failed = ours.map((line) => ({ reference: line.split(",")[4], pence: Math.round(Number(line.split(",")[3]) * 100) }));
  const failedPence = failed[0].pence + failed[1].pence;
  const file = Buffer.from(ours.map((line) => `${line},Account closed\n`).join(""));
  const fileInput = page.getByLabel("SSCL failed-payments file (CSV)");
  await expect(page.locator("#failed-payments-file-hint")).toContainText("no header row");
  await fileInput.setInputFiles({ name: "failed-reconciliation.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Upload and check" }).click();
  const result = page.getByRole("status").filter({ hasText: "2 payments marked as failed" });
  await expect(result).toContainText(
    `2 payments marked as failed, ${pounds(failedPence)}: ` +
      failed.map((f) => `${f.reference} ${pounds(f.pence)} (Account closed)`).join(", "),
  );

  // The batch's figures: sent, paid, failed with each reference, amount and reason, waiting; they add up.
  await page.reload();
  const reconciliation = run.getByRole("region", { name: "Reconciliation", exact: true });
  const figures = reconciliation.getByRole("table", { name: "Reconciliation of the batch's file" });
  const row = (label: string) => figures.getByRole("row").filter({ hasText: label });
  const waiting = { count: sent.count - 2, pence: sent.pence - failedPence };
  await expect(row("Sent in the file")).toContainText(`${sent.count}${pounds(sent.pence)}`);
  await expect(row("Paid (no failure reported)")).toContainText(`0${pounds(0)}`);
  await expect(row("Failed")).toContainText(`2${pounds(failedPence)}`);
  await expect(row("Waiting")).toContainText(`${waiting.count}${pounds(waiting.pence)}`);
  await expect(reconciliation).toContainText(
    `Paid + failed + waiting = the file's total ${pounds(sent.pence)}: ${pounds(0)} + ${pounds(failedPence)} + ${pounds(waiting.pence)} = ${pounds(sent.pence)}`,
  );
  const failures = reconciliation.getByRole("table", { name: "Failed payments" });
  for (const f of failed) {
    await expect(failures.getByRole("row").filter({ hasText: f.reference })).toContainText(`${pounds(f.pence)}Account closed`);
  }
  await expect(run.getByText("Downloaded", { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("bank-admin-reconciliation.png"), fullPage: true });
  await scan(page);

  // The reconciliation CSV: one row per payment of the batch.
  const download = page.waitForEvent("download");
  await reconciliation.getByRole("link", { name: /^Export the reconciliation as CSV/ }).click();
  const csv = (await readFile(await (await download).path(), "utf8")).split("\n").filter(Boolean);
  expect(csv).toHaveLength(sent.count + 1);
  for (const f of failed) expect(csv.find((l) => l.startsWith(`${f.reference},`))).toContain(",Failed,FAILED,Account closed,");

  // The same file again: already uploaded, not a success.
  await fileInput.setInputFiles({ name: "failed-reconciliation (1).csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Upload and check" }).click();
  const notice = page.getByRole("status", { name: "Nothing changed" });
  await expect(notice).toContainText(/This file was already uploaded on .+ by /);
  await expect(notice.getByRole("link", { name: "See the earlier upload" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Success" })).toHaveCount(0);
  await scan(page);
});

test("the Payout batch page shows its reconciliation", async ({ page, browser }, testInfo) => {
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  await recordWaiting("CASH");
  const claim = await approveNewClaim(caseworker, "CASH");

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await runNow(page, "payout");
  const [batch] = await sql<{ id: string; count: string; pence: string }>(
    `SELECT b.id, count(*) AS count, sum(l."amountPence") AS pence
     FROM "Batch" b JOIN "FileLine" l ON l."batchId" = b.id
     WHERE b.id = (SELECT l2."batchId" FROM "FileLine" l2 JOIN "Payment" p ON p.id = l2."paymentId" WHERE p.reference = $1 AND NOT l2."isVoid")
     GROUP BY b.id`,
    [`${claim}-01`],
  );
  await page.goto(`/payout/batches/${batch.id}`);
  const reconciliation = page.getByRole("region", { name: "Reconciliation", exact: true });
  const figures = reconciliation.getByRole("table", { name: "Reconciliation of the batch's file" });
  await expect(figures.getByRole("row").filter({ hasText: "Sent in the file" })).toContainText(
    `${batch.count}${pounds(Number(batch.pence))}`,
  );
  await expect(figures.getByRole("row").filter({ hasText: "Cashed" })).toContainText(`0${pounds(0)}`);
  await expect(reconciliation).toContainText(`= the file's total ${pounds(Number(batch.pence))}`);
  await page.screenshot({ path: testInfo.outputPath("payout-batch-reconciliation.png"), fullPage: true });
  await scan(page);
});
