// Post Office Payout end to end, in order: two cash claims approved; SSCL finance runs Payout now and
// the file is delivered by SFTP to a real OpenSSH sshd (started by `npm test`, scripts/test.mts,
// which names its folder in E2E_SFTP_DIR); a caseworker uploads the payment codes and the claimant's
// message with its barcode is in the outbox; the reconciliation report says one voucher was cashed
// and the other expired; the claim shows cashed; the expired voucher is reissued and the next Payout
// run takes the new payment.
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { intakeBody, postClaim, submitDecision } from "../support/claims";
import { sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

type Voucher = { claim: string; payment: string; code: string; line: string };
const vouchers: { cashed?: Voucher; expired?: Voucher } = {};
let firstBatchId = "";

const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
/** 13 letters and digits, as the Payout portal issues them. */
const newCode = () => `E2E${randomBytes(8).toString("hex").toUpperCase().slice(0, 10)}`;

async function approveCashClaim(page: Page): Promise<string> {
  const claim = await postClaim(
    page.request,
    intakeBody({ method: "CASH", expenses: [{ type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 2500 }] }),
  );
  await page.goto(`/claims/${claim.reference}`);
  // A cash claim has its voucher, not bank details.
  await expect(page.getByRole("heading", { name: "Post Office voucher" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bank details" })).toHaveCount(0);
  await page
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £25.00")
    .check();
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £25.00 created` })).toBeVisible();
  await page.reload();
  await expect(page.locator("#voucher")).toContainText("Waiting for the Payout run");
  return claim.reference;
}

async function runPayoutNow(page: Page) {
  await page.goto("/runs");
  await page.getByLabel("I want to send every waiting cash payment to the Post Office in new Payout files now").check();
  await page.getByRole("button", { name: "Run Payout now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run finished:" })).toBeVisible({ timeout: 60_000 });
}

/** The SFTP server's folder, as a local path (no chroot: it is also the remote folder), and where the portal says it delivered. */
function sftpServer() {
  const dir = process.env.E2E_SFTP_DIR;
  const port = process.env.PAYOUT_SFTP_PORT;
  if (!dir || !port)
    throw new Error("E2E_SFTP_DIR and PAYOUT_SFTP_PORT are not set: run the end-to-end tests with `npm test -- --e2e`");
  return { dir, target: `sftp://127.0.0.1:${port}${dir}` };
}

/**
 * The file of the batch holding the payment, read from the SFTP server's folder: delivered there,
 * byte for byte the file the portal stored, and no `.part` left behind.
 */
async function deliveredFile(paymentReference: string) {
  const [batch] = await sql<{
    id: string;
    fileName: string;
    storageKey: string;
    sha256: string;
    deliveryTarget: string;
    status: string;
  }>(
    `SELECT b.id, f."fileName", f."storageKey", f.sha256, b."deliveryTarget", b.status FROM "Payment" p
     JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid" JOIN "Batch" b ON b.id = l."batchId"
     JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'PAYOUT_CSV'
     WHERE p.reference = $1`,
    [paymentReference],
  );
  const server = sftpServer();
  expect(batch.status).toBe("DELIVERED");
  expect(batch.deliveryTarget).toBe(server.target);
  const onServer = await readFile(path.join(server.dir, batch.fileName));
  const stored = await readFile(path.resolve(process.env.FILE_STORE_DIR ?? ".data/files", batch.storageKey));
  expect(onServer.equals(stored), `${batch.fileName} on the SFTP server is the stored file`).toBe(true);
  expect(createHash("sha256").update(onServer).digest("hex")).toBe(batch.sha256);
  expect((await readdir(server.dir)).filter((name) => name.endsWith(".part"))).toEqual([]);
  return { batch, lines: onServer.toString("utf8").split(/\r?\n/).filter(Boolean) };
}

test("two cash claims are approved and SSCL finance's Payout run delivers their file to the SFTP server", async ({
  page,
  browser,
}) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const cashed = await approveCashClaim(page);
  const expired = await approveCashClaim(page);

  const finance = await freshPage(browser);
  await signInOverHttp(finance.request, demoUser.SSCL_FINANCE);
  await runPayoutNow(finance);

  const { batch, lines } = await deliveredFile(`${cashed}-01`);
  firstBatchId = batch.id;
  for (const [key, claim] of [
    ["cashed", cashed],
    ["expired", expired],
  ] as const) {
    // Column 13 is the payment reference; column 1 the amount in pounds.
    const line = lines.find((l) => l.split(",")[12] === `${claim}-01`);
    expect(line, claim).toBeDefined();
    expect(line!.split(",")[0]).toBe("25.00");
    vouchers[key] = { claim, payment: `${claim}-01`, code: newCode(), line: line! };
  }

  // The batch page says where the file went, each attempt, and offers the file to SSCL finance.
  await finance.goto("/payout");
  await expect(finance.getByRole("table", { name: "Payout batches, newest first" })).toContainText(batch.fileName);
  await scan(finance);
  await finance.goto(`/payout/batches/${batch.id}`);
  await expect(finance.getByText("Delivered", { exact: true }).first()).toBeVisible();
  await expect(finance.getByText(`to ${sftpServer().target}`, { exact: true }).first()).toBeVisible();
  await expect(finance.getByText(/to the local folder/)).toHaveCount(0);
  await expect(finance.getByRole("link", { name: `Download ${batch.fileName}` })).toBeVisible();
  await expect(finance.getByRole("table", { name: "Payments in this batch, by line" })).toContainText(`${cashed}-01`);
  await expect(finance.getByRole("heading", { name: "Admin" })).toHaveCount(0);
  await scan(finance);

  // An admin may return the batch's unsettled payments, with a reason and a confirmation.
  const admin = await freshPage(browser);
  await signInOverHttp(admin.request, demoUser.ADMIN);
  await admin.goto(`/payout/batches/${batch.id}`);
  await admin.getByText("Return this batch's unsettled payments to NEW").click();
  await admin.getByRole("button", { name: "Return unsettled payments to NEW" }).click();
  await expect(errorSummary(admin)).toContainText("Enter the reason");
  await expect(errorSummary(admin)).toContainText("Confirm that the Post Office will not pay these vouchers");
  await scan(admin);
  const [{ status }] = await sql<{ status: string }>(`SELECT status FROM "Batch" WHERE id = $1`, [batch.id]);
  expect(status).toBe("DELIVERED");
});

test("a caseworker uploads the payment codes; the claimant's voucher message with its barcode is in the outbox", async ({
  page,
  browser,
}) => {
  const { cashed, expired } = vouchers as Required<typeof vouchers>;
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/payout");
  const input = page.getByLabel("Payout payment-code file (CSV)");

  // A code of the wrong length: the whole file is refused and nothing changes.
  await input.setInputFiles({
    name: "codes-bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${cashed.line},${cashed.code}\r\n${expired.line},SHORT\r\n`),
  });
  await page.getByRole("button", { name: "Upload payment codes" }).click();
  await expect(errorSummary(page)).toContainText("Nothing was changed");
  await expect(page.getByRole("table", { name: "Problems in the file" })).toContainText("13");
  await scan(page);
  const [{ coded }] = await sql<{ coded: string }>(
    `SELECT count(*) AS coded FROM "Payment" WHERE reference = ANY($1) AND "paymentCode" IS NOT NULL`,
    [[cashed.payment, expired.payment]],
  );
  expect(Number(coded)).toBe(0);

  await input.setInputFiles({
    name: "codes.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${cashed.line},${cashed.code}\r\n${expired.line},${expired.code}\r\n`),
  });
  await page.getByRole("button", { name: "Upload payment codes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 payment codes stored" })).toBeVisible();
  await page.getByRole("link", { name: "See the full result of this upload" }).click();
  await expect(
    page.getByRole("table", { name: "The file's rows and total beside the batch's payments and total" }),
  ).toContainText("£50.00");
  await scan(page);

  // The claim shows the code, as text and as a barcode.
  await page.goto(`/claims/${cashed.claim}`);
  const voucher = page.locator("#voucher");
  await expect(voucher).toContainText("Code issued");
  await expect(voucher.locator("figure svg")).toHaveCount(1);
  await expect(voucher.locator("figcaption")).toContainText(cashed.code);
  await scan(page);

  // The message the claimant will get, with the barcode, waits in the outbox (no Notify key here).
  const admin = await freshPage(browser);
  await signInOverHttp(admin.request, demoUser.ADMIN);
  await admin.goto("/outbox");
  const row = admin.getByRole("row").filter({ hasText: cashed.claim }).filter({ hasText: "voucher" }).first();
  await row.getByText("Show the message").click();
  await expect(row.getByRole("img", { name: `Barcode of payment code ${cashed.code}` })).toBeVisible();
  await expect(row).toContainText(cashed.code);
});

test("the reconciliation report records one voucher cashed and one expired; the claim shows cashed", async ({ page }) => {
  const { cashed, expired } = vouchers as Required<typeof vouchers>;
  const today = londonToday();
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/payout");
  await page.getByLabel("Payout reconciliation report (CSV)").setInputFiles({
    name: "reconciliation.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "Reference,Payment Code,Amount,Status,Status Date",
        `${cashed.payment},${cashed.code},25.00,CASHED,${today}`,
        `${expired.payment},${expired.code},25.00,EXPIRED,${today}`,
        "",
      ].join("\r\n"),
    ),
  });
  await page.getByRole("button", { name: "Upload reconciliation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 vouchers updated" })).toBeVisible();
  await page.getByRole("link", { name: "See the full result of this upload" }).click();
  await expect(page.getByRole("heading", { name: "Matched rows" })).toBeVisible();
  await scan(page);

  await page.goto(`/claims/${cashed.claim}`);
  await expect(page.locator("#voucher")).toContainText("Cashed");
  await expect(page.locator("#voucher")).toContainText("the Post Office's status date");

  await page.goto("/payout");
  const queue = page.getByRole("table", { name: "Vouchers to reissue, oldest first" });
  await expect(queue).toContainText(expired.claim);
  await expect(queue).not.toContainText(cashed.claim);
  await scan(page);
});

test("the expired voucher is reissued as a new voucher, and the next Payout run takes it", async ({ page, browser }) => {
  const { expired } = vouchers as Required<typeof vouchers>;
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${expired.claim}`);
  await expect(page.getByText("Needs attention", { exact: true })).toBeVisible();
  await expect(page.locator("#voucher")).toContainText("Expired");
  await scan(page);
  await page.getByLabel("Send a new Post Office voucher").check();
  await page.getByRole("button", { name: `Reissue payment ${expired.payment}` }).click();
  const reissued = `${expired.claim}-02`;
  await expect(page.getByRole("status").filter({ hasText: `Voucher reissued as ${reissued}` })).toBeVisible();
  await page.reload();
  await expect(page.locator("#voucher")).toContainText("Waiting for the Payout run");
  await expect(page.getByRole("table", { name: "Payments for this claim" })).toContainText(`Replaces ${expired.payment}`);
  await expect(page.getByText("Needs attention", { exact: true })).toHaveCount(0);

  await page.goto("/payout");
  await expect(page.getByRole("heading", { name: "Vouchers to reissue" })).toBeVisible();
  await expect(page.locator("#queue")).not.toContainText(expired.claim);

  const finance = await freshPage(browser);
  await signInOverHttp(finance.request, demoUser.SSCL_FINANCE);
  await runPayoutNow(finance);
  const [payment] = await sql<{ status: string }>(`SELECT status FROM "Payment" WHERE reference = $1`, [reissued]);
  expect(payment.status).toBe("SENT");
  const { batch, lines } = await deliveredFile(reissued);
  expect(batch.id).not.toBe(firstBatchId);
  expect(lines.some((l) => l.split(",")[12] === reissued)).toBe(true);
});
