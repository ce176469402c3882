// Decisions explained and correspondence (caseworker issue, items 1 and 5): a partial decision goes
// through check-your-answers before anything is written, and the claimant's message lists each
// line's outcome, amount and reason; the claim page shows requests and responses in one thread.
import { expect, test, type Page } from "@playwright/test";
import { continueDecision, intakeBody, postClaim } from "../support/claims";
import { sql } from "../support/db";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

const threeLines = () =>
  intakeBody({
    expenses: [
      { type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 1240 },
      { type: "TAXI", description: "Wakefield station to HMP Wakefield", amountPence: 3500 },
      { type: "REFRESHMENTS", description: "Lunch", amountPence: 760 },
    ],
  });

const line = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^Line ${n}:`) });

async function claimState(reference: string) {
  const [row] = await sql<{ status: string; messages: string; decided: string }>(
    `SELECT c.status,
            (SELECT count(*) FROM "Notification" n WHERE n."claimId" = c.id) AS messages,
            (SELECT count(*) FROM "ExpenseLine" l WHERE l."claimId" = c.id AND l.decision IS NOT NULL) AS decided
       FROM "Claim" c WHERE c.reference = $1`,
    [reference],
  );
  return row;
}

/** Line 1 approved, line 2 reduced with a note, line 3 rejected with a reason. */
async function decidePartially(page: Page) {
  await line(page, 1).getByLabel("Approve £12.40").check();
  await expect(page.getByLabel("Different amount for line 2")).toBeHidden();
  await line(page, 2).getByLabel("Approve a different amount").check();
  await page.getByLabel("Different amount for line 2").fill("30.00");
  await page.getByLabel("Note for line 2").fill("Shared taxi, so half the fare");
  await line(page, 3).getByLabel("Reject", { exact: true }).check();
  await page.getByLabel("Reason for rejecting line 3").selectOption({ label: "No receipts or evidence" });
}

test("a partial decision is checked, confirmed, and explained line by line in the claimant's message", async ({ browser }) => {
  const page = await freshPage(browser);
  const claim = await postClaim(page.request, threeLines());
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);

  // A rejected line without a reason is refused, naming the line.
  await line(page, 1).getByLabel("Approve £12.40").check();
  await expect(page.getByLabel("Reason for rejecting line 3")).toBeHidden();
  await line(page, 3).getByLabel("Reject", { exact: true }).check();
  await expect(page.getByLabel("Other reason for line 3")).toBeHidden();
  await page.getByLabel("Reason for rejecting line 3").selectOption({ label: "Other" });
  await expect(page.getByLabel("Other reason for line 3")).toBeVisible();
  await page.getByLabel("Reason for rejecting line 3").selectOption({ label: "Choose a reason" });
  await continueDecision(page);
  await expect(errorSummary(page)).toContainText("Line 2, Taxi: choose a decision");
  await expect(errorSummary(page)).toContainText("Line 3, Refreshments: choose a reason for rejecting this line");

  await decidePartially(page);
  await expect(page.getByTestId("decision-running-total")).toHaveText("Approved so far: £42.40 of £55.00 claimed");

  // Check your answers: nothing is written yet.
  await continueDecision(page);
  await expect(page.getByRole("heading", { name: "Check your decision" })).toBeVisible();
  await expect(page.getByText("Approve £30.00 of £35.00")).toBeVisible();
  await expect(page.getByText("Reason: No receipts or evidence")).toBeVisible();
  await expect(page.getByText("£42.40 of £55.00 claimed", { exact: true })).toBeVisible();
  expect(await claimState(claim.reference)).toEqual({ status: "NEW", messages: "0", decided: "0" });

  // "Change" goes back to the fields as they were; the decision can still be changed there.
  await page.getByRole("button", { name: "Change line 2" }).click();
  await expect(page.getByLabel("Different amount for line 2")).toHaveValue("30.00");
  await page.getByLabel("Different amount for line 2").fill("30");
  await continueDecision(page);
  await page.getByRole("button", { name: "Confirm decision" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £42.40 created` })).toBeVisible();
  expect(await claimState(claim.reference)).toEqual({ status: "APPROVED", messages: "1", decided: "3" });

  await page.reload();
  const expenses = page.getByRole("table", { name: "Expense lines and decisions" });
  await expect(expenses).toContainText("Reason: No receipts or evidence");
  await expect(expenses).toContainText("Note: Shared taxi, so half the fare");

  // The outbox (admins) shows the message as the claimant gets it.
  const admin = await freshPage(browser);
  await signInOverHttp(admin.request, demoUser.ADMIN);
  await admin.goto("/outbox");
  const row = admin.getByRole("row").filter({ has: admin.getByRole("link", { name: claim.reference }) });
  await row.getByText("Show the message").click();
  const body = row.locator(".whitespace-pre-wrap");
  await expect(body).toContainText("We have approved £42.40 of the £55.00 you claimed.");
  await expect(body).toContainText("Line 1: Train, Leeds to Wakefield return\nApproved: £12.40");
  await expect(body).toContainText(
    "Line 2: Taxi, Wakefield station to HMP Wakefield\nApproved: £30.00 of the £35.00 claimed\nReason: Shared taxi, so half the fare",
  );
  await expect(body).toContainText("Line 3: Refreshments, Lunch\nNot approved (£7.60 claimed)\nReason: No receipts or evidence");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the reveals, check your answers and Change work as plain forms", async ({ page }) => {
    const claim = await postClaim(page.request, threeLines());
    await signInOverHttp(page.request, demoUser.CASEWORKER);
    await page.goto(`/claims/${claim.reference}`);
    await decidePartially(page);
    await continueDecision(page);
    await expect(page.getByRole("heading", { name: "Check your decision" })).toBeVisible();
    await expect(page.getByText("£42.40 of £55.00 claimed", { exact: true })).toBeVisible();
    expect(await claimState(claim.reference)).toMatchObject({ status: "NEW", decided: "0" });

    await page.getByRole("button", { name: "Change line 3" }).click();
    await expect(page.getByLabel("Reason for rejecting line 3")).toHaveValue("NO_EVIDENCE");
    await expect(page.getByLabel("Note for line 2")).toHaveValue("Shared taxi, so half the fare");
    await continueDecision(page);
    await page.getByRole("button", { name: "Confirm decision" }).click();
    await expect(page.getByText(`Payment ${claim.reference}-01 for £42.40 created`)).toBeVisible();
    expect(await claimState(claim.reference)).toEqual({ status: "APPROVED", messages: "1", decided: "3" });
  });
});

test("the correspondence thread shows the request, the message that took it, and the recorded response", async ({ page }) => {
  const claim = await postClaim(page.request);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await expect(page.getByRole("region", { name: "Correspondence" })).toContainText("No requests, responses or messages yet.");

  await page.getByText("Request information from the claimant").click();
  await page.getByRole("group", { name: "What do you need?" }).getByLabel("More information").check();
  await page.getByLabel("What the claimant needs to send").fill("Please send the taxi receipt.");
  await page.getByRole("button", { name: "Request information" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Information requested" })).toBeVisible();

  await page.reload();
  await page.getByLabel("The claimant's response").fill("Phoned: the receipt is in the post, £8.50 from Station Cars.");
  await page.getByRole("button", { name: "Record response" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Response recorded." })).toBeVisible();

  await page.reload();
  const thread = page.getByRole("region", { name: "Correspondence" });
  const items = thread.getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("Request for information: more information");
  await expect(items.nth(0)).toContainText("by Priya Shah");
  await expect(items.nth(0)).toContainText("Please send the taxi receipt.");
  await expect(items.nth(0)).toContainText("By email to ada@example.com");
  await items.nth(0).getByText("Show the message as sent").click();
  await expect(items.nth(0)).toContainText("We need more information before we can decide your claim.");
  await expect(items.nth(1)).toContainText("Response recorded by a caseworker");
  await expect(items.nth(1)).toContainText("by Priya Shah");
  await expect(items.nth(1)).toContainText("Phoned: the receipt is in the post, £8.50 from Station Cars.");
});
