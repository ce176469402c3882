// Finding a payment (docs/payment-search.md), as finance and support do: the header's "Find a
// payment" box takes a payment reference, the payment's UUID, the claim reference, a Payout payment
// code, or a file name and line number, and each opens the same journey; a file's name alone lists
// its lines; the list's filters; the CSV export for finance; axe-core on /payments with and without
// results.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { approveNewClaim } from "../support/claims";
import { sql } from "../support/db";
import { storedFileWith } from "../support/plans";
import { runNow } from "../support/runs";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

/** A bank payment sent in an AccessPay file (with a second one beside it), and a cash payment with a code. */
const world = { bank: "", bankId: "", bankClaim: "", otherBank: "", fileName: "", lineNo: 0, cash: "", code: "" };

/** Searches with the header's box, as anyone signed in can from any page. */
async function findPayment(page: Page, text: string) {
  const box = page.getByRole("search", { name: "Find a payment" });
  await box.getByLabel("Find a payment").fill(text);
  await box.getByRole("button", { name: "Search" }).click();
}

async function expectJourney(page: Page, reference: string) {
  await expect(page).toHaveURL(new RegExp(`/payments/${reference}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
}

test("set-up: two bank payments sent in one AccessPay file, and a cash payment with a Payout code", async ({ page, browser }) => {
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  world.bankClaim = await approveNewClaim(caseworker, "BANK");
  world.bank = `${world.bankClaim}-01`;
  world.otherBank = `${await approveNewClaim(caseworker, "BANK")}-01`;
  world.cash = `${await approveNewClaim(caseworker, "CASH")}-01`;

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await runNow(page, "bank");
  const [line] = await sql<{ id: string; fileName: string; lineNo: number }>(
    `SELECT p.id, f."fileName", l."lineNo" FROM "Payment" p
     JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
     JOIN "BatchFile" f ON f."batchId" = l."batchId" AND f.kind = 'ACCESSPAY_CSV'
     WHERE p.reference = $1`,
    [world.bank],
  );
  expect(line, "the run put the payment in an AccessPay file").toBeTruthy();
  Object.assign(world, { bankId: line.id, fileName: line.fileName, lineNo: line.lineNo });
  // The cash payment's code comes as it does in life: the Payout run sends it, and a caseworker
  // uploads the Post Office's payment-code file (its line with the code as column 23).
  await runNow(page, "payout");
  const { lines } = await storedFileWith(world.cash, "PAYOUT_CSV");
  const payoutLine = lines.find((l) => l.split(",")[12] === world.cash);
  expect(payoutLine, "the Payout file holds the cash payment").toBeDefined();
  world.code = `PS${randomBytes(8).toString("hex").toUpperCase().slice(0, 11)}`;
  await caseworker.goto("/payout");
  await caseworker.getByLabel("Payout payment-code file (CSV)").setInputFiles({
    name: `codes-${world.cash}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${payoutLine},${world.code}\r\n`),
  });
  await caseworker.getByRole("button", { name: "Upload payment codes" }).click();
  await expect(caseworker.getByRole("status").filter({ hasText: "1 payment code stored" })).toBeVisible();
  // The Payout run sent every waiting cash payment: leave one waiting, as the specs after this one find them.
  await approveNewClaim(caseworker, "CASH");
});

test("every kind of identifier opens the same journey, whatever its case and spaces", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  for (const text of [
    world.bank,
    `  ${world.bank.toLowerCase()} `,
    world.bankId.toUpperCase(),
    world.bankClaim.toLowerCase(),
    `${world.fileName} line ${world.lineNo}`,
    `${world.fileName.toUpperCase()}:${world.lineNo}`,
  ]) {
    await findPayment(page, text);
    await expectJourney(page, world.bank);
  }
  await findPayment(page, world.code.toLowerCase());
  await expectJourney(page, world.cash);
});

test("a caseworker finds a payment from their own pages too; the box works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/claims");
  await findPayment(page, world.bank);
  await expectJourney(page, world.bank);
  await context.close();
});

test("a file's name alone lists its lines; nothing found says what can be searched", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/");
  await findPayment(page, world.fileName);
  await expect(page).toHaveURL(/\/payments\?q=/);
  const table = page.getByRole("table");
  for (const reference of [world.bank, world.otherBank]) {
    await expect(table.getByRole("row", { name: new RegExp(reference) })).toContainText(`${world.fileName} line`);
  }
  await expect(table.getByRole("row", { name: new RegExp(world.bank) })).toContainText(`line ${world.lineNo}`);
  await scan(page);

  await findPayment(page, "NOTAPAYMENT-99");
  await expect(page.getByRole("heading", { name: "No payment matches “NOTAPAYMENT-99”" })).toBeVisible();
  await expect(page.getByText("a Post Office Payout payment code (13 letters and digits)")).toBeVisible();
  await scan(page);
});

test("the list's filters: file, status, method and dates, with errors summarised", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/payments");
  const filters = page.getByRole("search", { name: "Filter payments" });
  await filters.getByLabel("Batch ID or file name").fill(world.fileName);
  await filters.getByLabel("Status").selectOption({ label: "Sent" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: world.bank, exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: world.otherBank, exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: world.cash, exact: true })).toHaveCount(0);

  await filters.getByLabel("Payment method").selectOption({ label: "Cash (Post Office)" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No payments found" })).toBeVisible();

  await page.goto("/payments");
  await filters.getByLabel("Created from").fill("2026-11-20");
  await filters.getByLabel("Created to").fill("2026-11-19");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(errorSummary(page)).toContainText("Created to must be the same as or after created from");
  await expect(page).toHaveTitle(/^Error: Payments/);
  await scan(page);
});

test("finance downloads what the filters find as CSV; a caseworker is not offered it", async ({ page, browser }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto(`/payments?batch=${world.fileName}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Download as CSV/ }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await saved.path(), "utf8");
  expect(text.split("\n")[0]).toContain("Payment reference,Payment UUID");
  expect(text).toContain(`${world.bank},${world.bankId},`);
  expect(text).toContain(`${world.fileName},${world.lineNo}\n`);
  expect(text).not.toContain(world.cash);

  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  await caseworker.goto(`/payments?batch=${world.fileName}`);
  await expect(caseworker.getByRole("link", { name: world.bank, exact: true })).toBeVisible();
  await expect(caseworker.getByRole("link", { name: /^Download as CSV/ })).toHaveCount(0);
  expect((await caseworker.request.get("/api/payments/export.csv")).status()).toBe(403);
});
