// The preview before a run (docs/run-preview.md), as SSCL finance uses it on /runs: what the bank and
// Payout runs would pay now, shown again in the "Run now" confirmation; the run that follows pays the
// same, says so, and "Run finished" links to its batch and files.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { approveNewClaim } from "../support/claims";
import { sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

/** A row of a section's summary list, by its key. */
function summaryValue(section: Locator, key: string): Locator {
  return section.locator("div", { has: section.page().locator("dt", { hasText: key }) }).locator("dd");
}

/** What the preview says the run would pay ("5 payments", "£125.00") and hold (a count). */
async function previewFigures(section: Locator) {
  const pays = (await summaryValue(section, "If it ran now it would pay").innerText()).trim();
  const [, payments, total] = pays.match(/^([\d,]+ payments?), (£[\d,]+\.\d{2})/) ?? [];
  const holds = (await summaryValue(section, "Its checks would hold").innerText()).trim();
  const held = holds === "None" ? 0 : Number(holds.match(/^([\d,]+):/)![1].replace(/,/g, ""));
  expect(payments, `the preview's "${pays}"`).toBeTruthy();
  return { payments, total, held };
}

async function openPreviewLists(section: Locator) {
  for (const summary of await section.locator("summary").all()) await summary.click();
}

/** Ticks the confirmation and runs, and returns the "Run finished" banner's words. */
async function confirmAndRun(page: Page, confirm: string, button: string): Promise<string> {
  await page.getByLabel(confirm).check();
  await page.getByRole("button", { name: button }).click();
  const finished = page.getByRole("status").filter({ hasText: "Run finished:" });
  await expect(finished).toBeVisible({ timeout: 60_000 });
  return (await finished.innerText()).replace(/\s+/g, " ");
}

test("the bank run pays what its preview showed, says so, and links to its batch and both files", async ({
  page,
  browser,
}, testInfo) => {
  // A payment of this test's own waits, so the run has something to pay whatever ran before.
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  const claim = await approveNewClaim(caseworker, "BANK");

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  const section = page.getByRole("region", { name: "Direct payments run" });
  await expect(summaryValue(section, "Next scheduled run")).toContainText(
    /^(Sunday|Monday|Tuesday|Wednesday|Thursday) \d{1,2} \w+ \d{4} at 0[01]:00 UK time \((GMT|BST)\)$/,
  );
  await expect(page.getByText("00:00 UTC on Sunday to Thursday")).toHaveCount(0);
  const shown = await previewFigures(section);
  const [{ waiting, pence }] = await sql<{ waiting: string; pence: string }>(
    `SELECT count(*) AS waiting, coalesce(sum("amountPence"), 0) AS pence FROM "Payment"
     WHERE status = 'NEW' AND method = 'BANK' AND "holdReason" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = "Payment".id AND NOT l."isVoid")`,
  );
  // Every payment not on hold is either paid or held by the run's checks.
  expect(Number(shown.payments.replace(/\D/g, "")) + shown.held).toBe(Number(waiting));
  expect(Number(pence)).toBeGreaterThanOrEqual(2500);
  await openPreviewLists(section);
  await scan(page);
  await page.screenshot({ path: testInfo.outputPath("runs-preview.png"), fullPage: true });
  // No sideways scroll at 320 px: the lists' tables scroll in their own boxes.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.screenshot({ path: testInfo.outputPath("runs-preview-320.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The confirmation repeats the preview; without the box ticked nothing runs.
  const checkbox = page.getByLabel("I want to send every waiting bank payment to a new AccessPay file now");
  await expect(checkbox).toHaveAccessibleDescription(
    new RegExp(`^This run will pay ${shown.payments}, ${shown.total.replace(/[.$]/g, "\\$&")}`),
  );
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(errorSummary(page)).toContainText("Confirm that you want to start the run");
  await scan(page);

  const finished = await confirmAndRun(
    page,
    "I want to send every waiting bank payment to a new AccessPay file now",
    "Run direct payments now",
  );
  expect(finished).toContain(
    `Run finished: ${shown.payments}, ${shown.total}${shown.held ? `, ${shown.held} put on hold` : ""}.`,
  );
  expect(finished).toContain("As the preview showed.");
  const [{ status }] = await sql<{ status: string }>(`SELECT status FROM "Payment" WHERE reference = $1`, [`${claim}-01`]);
  expect(status).toBe("SENT");

  // "Run finished" links to the run's batch on Bank Admin and to both its files, which download.
  const links = page.getByRole("navigation", { name: "The finished run's batch and files" });
  const [{ runId }] = await sql<{ runId: string }>(
    `SELECT b."runId" FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
     JOIN "Batch" b ON b.id = l."batchId" WHERE p.reference = $1`,
    [`${claim}-01`],
  );
  await expect(links.getByRole("link", { name: "Open this run's batch on Bank Admin" })).toHaveAttribute(
    "href",
    `/bank-admin#run-${runId}`,
  );
  const files = await sql<{ id: string; fileName: string }>(
    `SELECT f.id, f."fileName" FROM "BatchFile" f JOIN "Batch" b ON b.id = f."batchId" WHERE b."runId" = $1 ORDER BY f.kind`,
    [runId],
  );
  expect(files.map((f) => f.fileName)).toEqual([
    expect.stringMatching(/^accesspay_\d{8}_\d{6}\.csv$/),
    expect.stringMatching(/^adi-journal_\d{8}_\d{6}\.xlsx$/),
  ]);
  for (const file of files) {
    const link = links.getByRole("link", { name: `Download ${file.fileName}` });
    await expect(link).toHaveAttribute("href", `/api/files/${file.id}`);
    const download = page.waitForEvent("download");
    await link.click();
    expect((await download).suggestedFilename()).toBe(file.fileName);
  }
  await scan(page);

  // The page now previews an empty run.
  await page.reload();
  await expect(
    summaryValue(page.getByRole("region", { name: "Direct payments run" }), "If it ran now it would pay"),
  ).toContainText(/^0 payments, £0\.00/);

  // A payment left waiting for the specs after this one, as the demo data has.
  await approveNewClaim(caseworker, "BANK");
});

test("the Payout run pays what its preview showed and links to its Payout batch", async ({ page, browser }) => {
  const caseworker = await freshPage(browser);
  await signInOverHttp(caseworker.request, demoUser.CASEWORKER);
  const claim = await approveNewClaim(caseworker, "CASH");

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  const section = page.getByRole("region", { name: "Payout run" });
  await expect(summaryValue(section, "Next scheduled run")).toContainText(/ at 0[12]:00 UK time \((GMT|BST)\)$/);
  const shown = await previewFigures(section);
  const confirm = "I want to send every waiting cash payment to the Post Office in new Payout files now";
  await expect(page.getByLabel(confirm)).toHaveAccessibleDescription(new RegExp(`^This run will pay ${shown.payments}, `));

  const finished = await confirmAndRun(page, confirm, "Run Payout now");
  expect(finished).toContain(
    `Run finished: ${shown.payments}, ${shown.total}${shown.held ? `, ${shown.held} put on hold` : ""}.`,
  );
  expect(finished).toContain("As the preview showed.");

  const [batch] = await sql<{ id: string; fileName: string }>(
    `SELECT b.id, f."fileName" FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
     JOIN "Batch" b ON b.id = l."batchId" JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'PAYOUT_CSV' WHERE p.reference = $1`,
    [`${claim}-01`],
  );
  const link = page
    .getByRole("navigation", { name: "The finished run's batch and files" })
    .getByRole("link", { name: `Open the Payout batch ${batch.fileName}` });
  await expect(link).toHaveAttribute("href", `/payout/batches/${batch.id}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/payout/batches/${batch.id}$`));
  await expect(page.getByText(batch.fileName).first()).toBeVisible();
});
