// People on the claim page (docs/people.md): the visit the claim is for, a possible match a
// caseworker links, and a change of name and address approved by a second caseworker.
import { expect, test } from "@playwright/test";
import { intakeBody, postClaim } from "../support/claims";
import { demoUser, freshPage, secondDemoUser, signInOverHttp } from "../support/sign-in";

test("a second claim from the same person is flagged as a possible match, and a caseworker links the records", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  const body = intakeBody();
  const first = await postClaim(page.request, body);
  const second = await postClaim(page.request, {
    ...body,
    claimant: { ...body.claimant, lastName: body.claimant.lastName.toUpperCase() },
  });
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${second.reference}`);
  const panel = page.getByRole("region", { name: "Possible match" });
  await expect(panel.getByRole("table", { name: "This claim's person and the possible match" })).toContainText("1 claim");

  await page.getByRole("button", { name: "Link these records" }).click();
  await expect(page.getByText("Confirm that you have checked these records are the same person").first()).toBeVisible();
  await page.getByLabel("I have checked that these records are the same person").check();
  await page.getByRole("button", { name: "Link these records" }).click();
  await expect(page.getByText("Records linked: 1 claim and their history moved to the older record.").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Possible match" })).toHaveCount(0);
  await expect(page.getByText(/Person records linked by/).first()).toBeVisible();
  expect(first.reference).not.toBe(second.reference);
});

test("the visit details show on the claim page", async ({ browser }) => {
  const page = await freshPage(browser);
  const claim = await postClaim(page.request, {
    ...intakeBody(),
    event: { prison: "HMP Leeds", prisonerNumber: "a1234bc", relationship: "Partner", visitAt: "2026-11-01T14:30:00Z" },
  } as ReturnType<typeof intakeBody>);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  const visit = page.getByRole("region", { name: "Visit" });
  await expect(visit).toContainText("HMP Leeds");
  await expect(visit).toContainText("A1234BC");
});

test("a change of name and address waits for a second caseworker, who sees what changed and approves it", async ({ browser }) => {
  const maker = await freshPage(browser);
  const claim = await postClaim(maker.request, intakeBody({ method: "CASH" }));
  await signInOverHttp(maker.request, demoUser.CASEWORKER);
  await maker.goto(`/claims/${claim.reference}`);
  const section = maker.getByRole("region", { name: "Name and address" });
  await section.getByText("Change name or address").click();
  await section.getByLabel("Address line 1").fill("2 Park Row");
  await section.getByLabel("Postcode").fill("ls1 5ab");
  await section.getByRole("button", { name: "Propose the change" }).click();
  await expect(maker.getByText("Change of name or address proposed. Another caseworker must approve it").first()).toBeVisible();
  await maker.reload();
  await expect(maker.getByText("You proposed this change, so another caseworker must approve or reject it.")).toBeVisible();
  await expect(maker.getByRole("button", { name: "Approve the new name and address" })).toHaveCount(0);

  const checker = await freshPage(browser);
  await signInOverHttp(checker.request, secondDemoUser.CASEWORKER);
  await checker.goto(`/claims/${claim.reference}`);
  const table = checker.getByRole("table", { name: "Current and proposed name and address" });
  await expect(table.getByRole("row", { name: /Address line 1/ })).toContainText("2 Park Row Changed");
  await expect(table.getByRole("row", { name: /Postcode/ })).toContainText("LS1 5AB Changed");
  await expect(table.getByRole("row", { name: /Town or city/ })).not.toContainText("Changed");
  await checker.getByRole("button", { name: "Approve the new name and address" }).click();
  await expect(checker.getByText("New name and address approved").first()).toBeVisible();
  await checker.reload();
  await expect(checker.getByText("LS1 5AB").first()).toBeVisible();
  await expect(checker.getByText("No change of name or address is waiting for approval.")).toBeVisible();
});
