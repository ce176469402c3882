// A claim above the second-approval threshold (£500 by default) waits for a second caseworker: the
// first approver cannot finish it, another caseworker approves it (the payment is created then) or
// returns it with a note. A line above the per-line maximum (£1,000) is refused outright.
import { expect, test } from "@playwright/test";
import { continueDecision, intakeBody, postClaim, submitDecision } from "../support/claims";
import { demoUser, errorSummary, freshPage, secondDemoUser, signInOverHttp } from "../support/sign-in";

const oneLine = (amountPence: number) =>
  intakeBody({ expenses: [{ type: "ACCOMMODATION", description: "A week near the hospital", amountPence }] });

test("a £600 claim approved by one caseworker is paid only after a second one approves it", async ({ browser }) => {
  const first = await freshPage(browser);
  const claim = await postClaim(first.request, oneLine(60_000));
  await signInOverHttp(first.request, demoUser.CASEWORKER);
  await first.goto(`/claims/${claim.reference}`);
  await first
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £600.00")
    .check();
  await submitDecision(first);
  await expect(
    first.getByRole("status").filter({ hasText: "another caseworker must approve it before it is paid" }),
  ).toBeVisible();

  await first.reload();
  await expect(first.getByRole("heading", { name: "Waiting for a second approval" })).toBeVisible();
  await expect(first.getByText("You approved this claim; another caseworker must check it.")).toBeVisible();
  await expect(first.getByRole("button", { name: "Approve and create the payment" })).toHaveCount(0);

  await first.goto("/claims?status=AWAITING_SECOND_APPROVAL");
  await expect(first.getByRole("link", { name: claim.reference })).toBeVisible();

  const second = await freshPage(browser);
  await signInOverHttp(second.request, secondDemoUser.CASEWORKER);
  await second.goto(`/claims/${claim.reference}`);
  const panel = second.getByRole("region", { name: "Waiting for a second approval" });
  await expect(panel.getByText("£600.00 is above the £500.00 one caseworker may approve")).toBeVisible();
  await second.getByRole("button", { name: "Approve and create the payment" }).click();
  await expect(second.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £600.00 created` })).toBeVisible();
  await second.reload();
  await expect(second.getByRole("table", { name: "Payments for this claim" })).toContainText(`${claim.reference}-01`);
});

test("the second caseworker returns a claim with a note, and it can be decided again", async ({ browser }) => {
  const first = await freshPage(browser);
  const claim = await postClaim(first.request, oneLine(55_000));
  await signInOverHttp(first.request, demoUser.CASEWORKER);
  await first.goto(`/claims/${claim.reference}`);
  await first
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £550.00")
    .check();
  await submitDecision(first);
  await expect(first.getByRole("status").filter({ hasText: "another caseworker must approve it" })).toBeVisible();

  const second = await freshPage(browser);
  await signInOverHttp(second.request, secondDemoUser.CASEWORKER);
  await second.goto(`/claims/${claim.reference}`);
  await second.getByText("Return the claim to be decided again").click();
  await second.getByRole("button", { name: "Return the claim" }).click();
  await expect(errorSummary(second)).toContainText("Enter why the claim is returned");
  await second.getByLabel("Why the approval does not stand").fill("The receipt shows £55, not £550");
  await second.getByRole("button", { name: "Return the claim" }).click();
  await expect(second.getByRole("status").filter({ hasText: "Claim returned." })).toBeVisible();

  await first.reload();
  await expect(first.getByRole("heading", { name: "Decide this claim" })).toBeVisible();
  await expect(first.getByText("Returned to be decided again: The receipt shows £55, not £550")).toBeVisible();
});

test("a line above £1,000 is refused outright", async ({ page }) => {
  const claim = await postClaim(page.request, oneLine(120_000));
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await page
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £1,200.00")
    .check();
  await continueDecision(page);
  await expect(errorSummary(page)).toContainText("Line 1: £1,200.00 is above the most one line may be approved for, £1,000.00");
});
