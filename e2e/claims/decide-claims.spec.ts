import { expect, test, type Page } from "@playwright/test";
import { continueDecision, postClaim, postResponse, intakeBody, submitDecision } from "../support/claims";
import { sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

async function findAndOpen(page: Page, search: string, reference: string) {
  // Every status: the list shows open claims only by default, and a decided claim is searched for too.
  await page.goto("/claims?status=all");
  await page.getByLabel("Search by claim reference, claimant name or payment reference").fill(search);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Claim ${reference}`);
}

async function decideEveryLine(page: Page, choice: string) {
  const groups = page.getByRole("group").filter({ hasText: /^Line \d/ });
  for (const group of await groups.all()) await group.getByLabel(choice, { exact: false }).first().check();
}

test("a caseworker finds a claim by name, decides its lines and approves it, and sees the payment with reference and UUID", async ({
  page,
}) => {
  const claim = await postClaim(page.request);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await findAndOpen(page, claim.lastName, claim.reference);

  await page
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £12.40")
    .check();
  await page
    .getByRole("group", { name: /Line 2/ })
    .getByLabel("Approve a different amount")
    .check();
  await page.getByLabel("Different amount for line 2").fill("6.50");
  await page.getByLabel("Note for line 2").fill("Shared taxi");
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £18.90 created` })).toBeVisible();

  await page.reload();
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  const payments = page.getByRole("table", { name: "Payments for this claim" });
  await expect(payments).toContainText(`${claim.reference}-01`);
  await expect(payments).toContainText("£18.90");
  const uuid = (await page.getByTestId("payment-uuid").textContent())!.trim();
  expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await expect(page.getByRole("button", { name: `Copy payment UUID for ${claim.reference}-01` })).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "Email queued: Your claim has been approved" })).toBeVisible();

  // The payment reference finds the claim too.
  await findAndOpen(page, `${claim.reference}-01`, claim.reference);
});

test("a caseworker rejects a claim; every rejected line needs a reason", async ({ page }) => {
  const claim = await postClaim(page.request);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await findAndOpen(page, claim.reference.toLowerCase(), claim.reference);
  await decideEveryLine(page, "Reject");
  await continueDecision(page);
  await expect(errorSummary(page)).toContainText("Line 1, Train: choose a reason for rejecting this line");
  await expect(errorSummary(page)).toContainText("Line 2, Taxi: choose a reason for rejecting this line");
  await expect(page).toHaveTitle(/^Error: /);
  for (const n of [1, 2])
    await page.getByLabel(`Reason for rejecting line ${n}`).selectOption({ label: "No receipts or evidence" });
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: "Claim rejected: No receipts or evidence." })).toBeVisible();
  const [row] = await sql<{ status: string; n: string }>(
    `SELECT c.status, (SELECT count(*) FROM "Payment" p WHERE p."claimId" = c.id) AS n FROM "Claim" c WHERE reference = $1`,
    [claim.reference],
  );
  expect(row).toEqual({ status: "REJECTED", n: "0" });
});

test("a caseworker requests information; the answer arrives through the API and the claim can be decided again", async ({
  page,
}) => {
  const claim = await postClaim(page.request);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await page.getByText("Request information from the claimant").click();
  await page.getByRole("group", { name: "What do you need?" }).getByLabel("More information").check();
  await page.getByLabel("What the claimant needs to send").fill("Please send the taxi receipt.");
  await page.getByRole("button", { name: "Request information" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Information requested" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Information requested", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue", exact: true })).toHaveCount(0);

  const response = await postResponse(page.request, claim.reference, { message: "Receipt attached: £8.50 from Station Cars." });
  expect(response.status()).toBe(201);

  await page.reload();
  await expect(page.getByText("Updated", { exact: true }).first()).toBeVisible();
  await decideEveryLine(page, "Approve £");
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: "Claim approved." })).toBeVisible();
});

test("a decision from a second browser that loaded the claim earlier is refused with a message to reload", async ({
  browser,
}) => {
  const first = await freshPage(browser);
  const claim = await postClaim(first.request);
  const second = await freshPage(browser);
  await signInOverHttp(first.request, demoUser.CASEWORKER);
  await signInOverHttp(second.request, "caseworker2@demo.disburse.test");
  await first.goto(`/claims/${claim.reference}`);
  await second.goto(`/claims/${claim.reference}`);

  await decideEveryLine(first, "Approve £");
  await submitDecision(first);
  await expect(first.getByRole("status").filter({ hasText: "Claim approved." })).toBeVisible();

  await decideEveryLine(second, "Reject");
  for (const n of [1, 2])
    await second.getByLabel(`Reason for rejecting line ${n}`).selectOption({ label: "Duplicate of another claim" });
  await continueDecision(second);
  await expect(errorSummary(second)).toContainText(/ changed this claim at \d{2}:\d{2}: Approved.*Reload the page/);
  const [row] = await sql<{ status: string }>(`SELECT status FROM "Claim" WHERE reference = $1`, [claim.reference]);
  expect(row.status).toBe("APPROVED");
});

test("a bank-details change needs a second caseworker, and holds the payment until then", async ({ browser }) => {
  const maker = await freshPage(browser);
  const claim = await postClaim(maker.request, intakeBody());
  await signInOverHttp(maker.request, demoUser.CASEWORKER);
  await maker.goto(`/claims/${claim.reference}`);
  await decideEveryLine(maker, "Approve £");
  await submitDecision(maker);
  await expect(maker.getByRole("status").filter({ hasText: "Claim approved." })).toBeVisible();

  await maker.getByText("Change bank details").click();
  await maker.getByLabel("Name on the account").fill("Ada Lovelace");
  await maker.getByLabel("Sort code").fill("08-99-99");
  await maker.getByLabel("Account number").fill("66374959");
  await maker.getByRole("button", { name: "Propose new bank details" }).click();
  await expect(errorSummary(maker)).toContainText("modulus check");
  await maker.getByLabel("Account number").fill("66374958");
  await maker.getByRole("button", { name: "Propose new bank details" }).click();
  await expect(maker.getByRole("status").filter({ hasText: "Another caseworker must approve them" })).toBeVisible();
  await maker.reload();
  await expect(maker.getByRole("heading", { name: "Change awaiting approval" })).toBeVisible();
  await expect(maker.getByText("You proposed this change, so another caseworker must approve or reject it.")).toBeVisible();
  await expect(maker.getByRole("table", { name: "Payments for this claim" })).toContainText(
    "Bank-details change awaiting approval",
  );

  const checker = await freshPage(browser);
  await signInOverHttp(checker.request, "caseworker2@demo.disburse.test");
  await checker.goto(`/claims/${claim.reference}`);
  await checker.getByRole("button", { name: "Approve new bank details" }).click();
  await expect(checker.getByRole("status").filter({ hasText: "New bank details approved." })).toBeVisible();
  await checker.reload();
  await expect(checker.getByRole("heading", { name: "Change awaiting approval" })).toHaveCount(0);
  await expect(checker.getByRole("table", { name: "Payments for this claim" })).not.toContainText("On hold");
  await expect(checker.getByText("*****958", { exact: true })).toBeVisible();
});
