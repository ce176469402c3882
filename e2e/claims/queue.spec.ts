// The caseworker's queue (docs/caseworker-queue.md): the claim list shows open claims oldest first
// with their age in working days and marks those past the target; the person page lists all of a
// person's claims; the claim page warns when the bank account is also another person's.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { intakeBody, postClaim } from "../support/claims";
import { sql } from "../support/db";
import { demoUser, signInOverHttp } from "../support/sign-in";

const surname = (prefix: string) => `${prefix}${randomBytes(3).toString("hex")}`;

test("the queue lists open claims oldest first and marks those past the target", async ({ page }) => {
  const lastName = surname("Queue");
  const older = await postClaim(page.request, intakeBody({ lastName }));
  const newer = await postClaim(page.request, intakeBody({ lastName }));
  const decided = await postClaim(page.request, intakeBody({ lastName }));
  // Received six weeks ago: well past 10 working days, whatever the bank holidays.
  await sql(`UPDATE "Claim" SET "createdAt" = now() - interval '42 days' WHERE reference = $1`, [older.reference]);
  await sql(`UPDATE "Claim" SET "createdAt" = now() - interval '60 days', status = 'REJECTED' WHERE reference = $1`, [
    decided.reference,
  ]);
  await signInOverHttp(page.request, demoUser.CASEWORKER);

  await page.goto("/claims");
  await expect(page.getByLabel("Status")).toHaveValue("");
  await page.getByLabel("Search by claim reference, claimant name or payment reference").fill(lastName);
  await page.getByRole("button", { name: "Apply filters" }).click();

  const table = page.getByRole("table");
  await expect(table).toContainText("Sorted by date received, oldest first");
  const rows = table.getByRole("row").filter({ has: page.getByRole("link", { name: /^[0-9A-Z]{7}$/ }) });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole("link").first()).toHaveText(older.reference);
  await expect(rows.nth(0)).toContainText("Past target");
  await expect(rows.nth(0)).toContainText(/\d+ working days/);
  await expect(rows.nth(1).getByRole("link").first()).toHaveText(newer.reference);
  await expect(rows.nth(1)).toContainText("0 working days");
  await expect(rows.nth(1)).not.toContainText("Past target");
  // Date of birth and postcode tell people of the same name apart.
  await expect(rows.nth(0)).toContainText("10 Dec 1985");
  await expect(rows.nth(0)).toContainText("LS1 1AA");

  // Every status: the rejected claim is back, oldest of the three, with no age.
  await page.getByLabel("Status").selectOption({ label: "All statuses" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByRole("link").first()).toHaveText(decided.reference);
  await expect(rows.nth(0)).not.toContainText("Past target");
});

test("the person page lists the claimant's other claims", async ({ page }) => {
  const lastName = surname("Person");
  const first = await postClaim(page.request, intakeBody({ lastName }));
  const second = await postClaim(page.request, intakeBody({ lastName }));
  // The second claim belongs to the first claim's person (as a merge or a known-person intake leaves it).
  await sql(`UPDATE "Claim" SET "claimantId" = (SELECT "claimantId" FROM "Claim" WHERE reference = $1) WHERE reference = $2`, [
    first.reference,
    second.reference,
  ]);
  await signInOverHttp(page.request, demoUser.CASEWORKER);

  const [{ claimantId }] = await sql<{ claimantId: string }>(`SELECT "claimantId" FROM "Claim" WHERE reference = $1`, [
    first.reference,
  ]);
  await page.goto(`/claims/${first.reference}`);
  // The claim summary's link (the warnings may name the second claim's old record, of the same name).
  await page
    .getByRole("link", { name: `Ada ${lastName}` })
    .and(page.locator(`[href="/claimants/${claimantId}"]`))
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ada ${lastName}`);
  const claims = page.getByRole("table", { name: /2 claims/ });
  await expect(claims.getByRole("link", { name: first.reference })).toBeVisible();
  await expect(claims.getByRole("link", { name: second.reference })).toBeVisible();
  await expect(page.getByText("Subject-access export")).toHaveCount(0);

  await claims.getByRole("link", { name: second.reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Claim ${second.reference}`);
  // Same person, same event date: the claim page says so and links the other claim.
  await expect(page.getByTestId("claim-warnings")).toContainText("another claim for the same event date");
  await expect(page.getByTestId("claim-warnings").getByRole("link", { name: `claim ${first.reference}` })).toBeVisible();
});

test("the claim page warns when the bank account is also used by another claimant", async ({ page }) => {
  const bankDetails = { nameOnAccount: "A Shared", sortCode: "200000", accountNumber: "91113429", rollNumber: null };
  const mine = { ...intakeBody({ lastName: surname("Shared") }), bankDetails };
  const theirs = { ...intakeBody({ lastName: surname("Other") }), bankDetails };
  const claim = await postClaim(page.request, mine);
  const other = await postClaim(page.request, theirs);
  await signInOverHttp(page.request, demoUser.CASEWORKER);

  await page.goto(`/claims/${claim.reference}`);
  const warnings = page.getByTestId("claim-warnings");
  await expect(warnings).toContainText("bank account is also used by");
  await expect(warnings.getByRole("link", { name: `Ada ${other.lastName}` })).toBeVisible();
  await expect(warnings.getByRole("link", { name: `claim ${other.reference}` })).toBeVisible();
});
