// A payment's journey (docs/payment-journey.md), as support and finance use it: a bank payment sent,
// its file downloaded, reported failed by SSCL, reissued to approved new bank details and sent again;
// the journeys of both payments link each other; the claim link only for the roles that may open
// claims; printable (header and navigation left out); usable at 320 px; axe-core on the page.
import { expect, test, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { approveNewClaim } from "../support/claims";
import { sql } from "../support/db";
import { downloadBankFiles, runNow } from "../support/runs";
import { demoUser, freshPage, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

const world = { claim: "", failed: "", reissued: "", reissuedId: "", fileName: "", lineNo: 0 };

const status = async (reference: string) =>
  (await sql<{ status: string }>(`SELECT status FROM "Payment" WHERE reference = $1`, [reference]))[0]?.status;

async function stepTitles(page: Page): Promise<string[]> {
  return page.locator("main ol > li h3").allInnerTexts();
}

test("set-up: a bank payment sent, downloaded, failed by SSCL, reissued and sent again", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const maker = await freshPage(browser);
  await signInOverHttp(maker.request, demoUser.CASEWORKER);
  world.claim = await approveNewClaim(maker, "BANK");
  world.failed = `${world.claim}-01`;
  world.reissued = `${world.claim}-02`;

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await runNow(page, "bank");
  const lines = await downloadBankFiles(page, world.failed);
  const line = lines.find((l) => l.endsWith(`,${world.failed}`))!;
  expect(line).toBeTruthy();
  const [file] = await sql<{ fileName: string; lineNo: number }>(
    `SELECT f."fileName", l."lineNo" FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
     JOIN "BatchFile" f ON f."batchId" = l."batchId" AND f.kind = 'ACCESSPAY_CSV' WHERE p.reference = $1`,
    [world.failed],
  );
  Object.assign(world, file);

  await page.goto("/bank-admin");
  await page.getByLabel("SSCL failed-payments file (CSV)").setInputFiles({
    name: `failed-${world.claim}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${line},Account closed\n`),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect.poll(() => status(world.failed), { timeout: 30_000 }).toBe("FAILED");

  await maker.goto(`/claims/${world.claim}`);
  await maker.getByText("Change bank details", { exact: true }).click();
  await maker.getByLabel("Name on the account").fill("Ada Lovelace");
  await maker.getByLabel("Sort code").fill("08-99-99");
  await maker.getByLabel("Account number").fill("66374958");
  await maker.getByRole("button", { name: "Propose new bank details" }).click();
  await expect(maker.getByRole("status").filter({ hasText: "Another caseworker must approve them" })).toBeVisible();
  const checker = await freshPage(browser);
  await signInOverHttp(checker.request, "caseworker2@demo.disburse.test");
  await checker.goto(`/claims/${world.claim}`);
  await checker.getByRole("button", { name: "Approve new bank details" }).click();
  await expect(checker.getByRole("status").filter({ hasText: "New bank details approved." })).toBeVisible();
  await maker.reload();
  await maker.getByRole("button", { name: `Reissue payment ${world.failed}` }).click();
  await expect(maker.getByRole("status").filter({ hasText: `Payment reissued as ${world.reissued}` })).toBeVisible();

  await runNow(page, "bank");
  expect(await status(world.reissued)).toBe("SENT");
  world.reissuedId = (await sql<{ id: string }>(`SELECT id FROM "Payment" WHERE reference = $1`, [world.reissued]))[0].id;
});

test("a caseworker follows the failed payment's journey to its reissue and back", async ({ page }, testInfo) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  // The reference whatever its case.
  await page.goto(`/payments/${world.failed.toLowerCase()}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Payment ${world.failed}`);
  const steps = await stepTitles(page);
  expect(steps[0]).toBe(`Claim ${world.claim} approved`);
  expect(steps.some((s) => s.startsWith("Payment created: £"))).toBe(true);
  expect(steps).toEqual(
    expect.arrayContaining([
      "Taken by a direct-payments run into a bank batch",
      `Put in the file ${world.fileName} at line ${world.lineNo}`,
      `${world.fileName} downloaded for the bank`,
      "Failed: Account closed",
      `Reissued as payment ${world.reissued} (sent)`,
    ]),
  );
  // Time order: the file before its download, the download before the failure.
  const at = (title: string) => steps.indexOf(title);
  expect(at(`Put in the file ${world.fileName} at line ${world.lineNo}`)).toBeLessThan(
    at(`${world.fileName} downloaded for the bank`),
  );
  expect(at(`${world.fileName} downloaded for the bank`)).toBeLessThan(at("Failed: Account closed"));
  // A caseworker may open the claim and the person.
  await expect(page.getByRole("link", { name: world.claim, exact: true })).toHaveAttribute("href", `/claims/${world.claim}`);
  await expect(page.getByRole("link", { name: `Claim ${world.claim}` }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
  await scan(page);

  await page.getByRole("link", { name: `payment ${world.reissued}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/payments/${world.reissued}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Payment ${world.reissued}`);
  await expect(page.getByText(`This payment replaces payment ${world.failed}`)).toBeVisible();
  expect(await stepTitles(page)).toContain(`Reissue of payment ${world.failed} (failed)`);
  await expect(page.getByText("Sort code 08-**-**, account *****958")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("journey-reissued.png"), fullPage: true });
  await page.getByRole("link", { name: `payment ${world.failed}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/payments/${world.failed}$`));
});

test("SSCL finance opens the reissue by its UUID: no claim or person links; printable; 320 px wide", async ({
  page,
}, testInfo) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto(`/payments/${world.reissuedId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Payment ${world.reissued}`);
  await expect(page.locator('main a[href^="/claims/"], main a[href^="/claimants/"]')).toHaveCount(0);
  await expect(page.locator('main a[href^="/bank-admin"]').first()).toBeVisible();
  await scan(page);

  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  // The journey itself never scrolls sideways (the header is the layout's).
  const main = await page.evaluate(() => {
    const m = document.querySelector("main")!;
    return { scroll: m.scrollWidth, width: m.clientWidth };
  });
  expect(main.scroll).toBeLessThanOrEqual(main.width);
  await scan(page);

  await page.setViewportSize({ width: 1024, height: 800 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print this page" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("journey-print.png"), fullPage: true });
});

test("an unknown reference or UUID is not found", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ACCOUNTANT);
  for (const key of ["ZZZZZZZ-99", "9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d"]) {
    const response = await page.goto(`/payments/${key}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment not found");
  }
});
