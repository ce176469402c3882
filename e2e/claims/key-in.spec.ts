// The key-in form, GOV.UK's way: one expense line to start and "Add another expense", email, phone
// and bank details revealed under the choice that needs them, check your answers with "Change"
// links that keep what was typed, nothing saved before "Submit claim", and a success banner.
import { expect, test, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { sql } from "../support/db";
import { demoUser, errorSummary, signInOverHttp } from "../support/sign-in";

const contactGroup = (page: Page) => page.getByRole("group", { name: "How does the claimant want us to contact them?" });
const claimantsNamed = async (lastName: string) =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "Claimant" WHERE "lastName" = $1`, [lastName]))[0].n);
const paymentGroup = (page: Page) => page.getByRole("group", { name: "How does the claimant want to be paid?" });

async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

test("a caseworker keys in a claim with two expenses, checks the answers, changes one and submits it", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/claims/new");
  const lastName = `Keyin${Date.now()}`;

  // Conditional reveals: nothing under a choice until it is chosen.
  await expect(page.getByLabel("Email address")).toBeHidden();
  await expect(page.getByLabel("Mobile phone number")).toBeHidden();
  await expect(page.getByLabel("Sort code")).toBeHidden();
  await contactGroup(page).getByLabel("Email", { exact: true }).check();
  await expect(page.getByLabel("Email address")).toBeVisible();
  await expect(page.getByLabel("Mobile phone number")).toBeHidden();
  await contactGroup(page).getByLabel("Text message").check();
  await expect(page.getByLabel("Email address")).toBeHidden();
  await expect(page.getByLabel("Mobile phone number")).toBeVisible();
  await paymentGroup(page).getByLabel("Bank transfer").check();
  await expect(page.getByLabel("Sort code")).toBeVisible();
  await paymentGroup(page)
    .getByLabel(/Post Office/)
    .check();
  await expect(page.getByLabel("Sort code")).toBeHidden();

  // Wrong things, in GOV.UK's words, with the summary linking to the fields.
  await page.getByLabel("Expense 1 Amount").fill("12.345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter the claimant's first name");
  await expect(errorSummary(page)).toContainText("Enter a date of birth");
  await expect(errorSummary(page)).toContainText("Enter a mobile phone number for text messages");
  await expect(errorSummary(page).getByRole("link", { name: "Enter an amount in pounds and pence, like 12.40" })).toBeVisible();
  await scan(page);
  await errorSummary(page).getByRole("link", { name: "Enter the claimant's first name" }).click();
  await expect(page.getByLabel("First name")).toBeFocused();
  // What was chosen stays chosen, with its field revealed.
  await expect(page.getByLabel("Mobile phone number")).toBeVisible();

  await page.getByLabel("First name").fill("Ruth");
  await page.getByLabel("Last name").fill(lastName);
  await fillDate(page, "Date of birth", "31", "2", "1950");
  await page.getByLabel("Address line 1", { exact: true }).fill("2 Mill Lane");
  await page.getByLabel("Town or city").fill("Wakefield");
  await page.getByLabel("Postcode").fill("wf1 2aa");
  await page.getByLabel("Country").fill("England");
  await contactGroup(page).getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address").fill("ruth@example.com");
  await fillDate(page, "Date of the event", "1", "11", "2026");
  await page.getByLabel("Expense 1 Type").selectOption({ label: "Bus" });
  await page.getByLabel("Expense 1 Description").fill("Bus to the hospital");
  await page.getByLabel("Expense 1 Amount").fill("4.80");

  // Add another expense: a second line, focused, with the first kept.
  await page.getByRole("button", { name: "Add another expense" }).click();
  await expect(page.getByLabel("Expense 2 Type")).toBeFocused();
  await expect(page.getByLabel("Expense 1 Amount")).toHaveValue("4.80");
  await page.getByLabel("Expense 2 Type").selectOption({ label: "Train" });
  await page.getByLabel("Expense 2 Description").fill("Leeds to Wakefield return");
  await page.getByLabel("Expense 2 Amount").fill("12.40");
  // A third line, removed again.
  await page.getByRole("button", { name: "Add another expense" }).click();
  await expect(page.getByRole("group", { name: "Expense 3" })).toBeVisible();
  await page.getByRole("button", { name: "Remove expense 3" }).click();
  await expect(page.getByRole("group", { name: "Expense 3" })).toHaveCount(0);
  await expect(page.getByLabel("Expense 2 Description")).toHaveValue("Leeds to Wakefield return");

  await paymentGroup(page).getByLabel("Bank transfer").check();
  await page.getByLabel("Name on the account").fill("R Keyin");
  await page.getByLabel("Sort code").fill("20-00-00");
  await page.getByLabel("Account number").fill("55779911");
  await page.getByRole("button", { name: "Continue" }).click();

  // Only the impossible date of birth is wrong now.
  await expect(errorSummary(page).getByRole("link")).toHaveText(["Date of birth must be a real date"]);
  await fillDate(page, "Date of birth", "28", "2", "1950");
  await page.getByRole("button", { name: "Continue" }).click();

  // Check your answers: nothing saved yet.
  await expect(page.getByRole("heading", { level: 1, name: "Check the claim before you submit it" })).toBeFocused();
  expect(await claimantsNamed(lastName)).toBe(0);
  await scan(page);
  const row = (key: string) => page.locator("dl > div").filter({ has: page.getByText(key, { exact: true }) });
  await expect(row("Name")).toContainText(`Ruth ${lastName}`);
  await expect(row("Date of birth")).toContainText("28 February 1950");
  await expect(row("Address")).toContainText("WF1 2AA");
  await expect(row("Email address")).toContainText("ruth@example.com");
  await expect(row("Expense 1")).toContainText("Bus: Bus to the hospital£4.80");
  await expect(row("Expense 2")).toContainText("Train: Leeds to Wakefield return£12.40");
  await expect(row("Total claimed")).toContainText("£17.20");
  await expect(row("Sort code")).toContainText("20-00-00");

  // Change goes back to that field with everything kept.
  await page.getByRole("button", { name: "Change expense 2" }).click();
  await expect(page.getByLabel("Expense 2 Type")).toBeFocused();
  await expect(page.getByLabel("First name")).toHaveValue("Ruth");
  await expect(page.getByLabel("Sort code")).toHaveValue("20-00-00");
  await page.getByLabel("Expense 2 Amount").fill("15.00");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(row("Expense 2")).toContainText("£15.00");
  await expect(row("Total claimed")).toContainText("£19.80");
  expect(await claimantsNamed(lastName)).toBe(0);

  await page.getByRole("button", { name: "Submit claim" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9A-Z]{7}\?keyedIn=1$/);
  const reference = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText(`Claim ${reference} keyed in`)).toBeVisible();
  const lines = await sql<{ type: string; claimedPence: number; lastName: string }>(
    `SELECT e.type, e."claimedPence", p."lastName" FROM "ExpenseLine" e JOIN "Claim" c ON c.id = e."claimId"
       JOIN "Claimant" p ON p.id = c."claimantId" WHERE c.reference = $1 ORDER BY e."lineNo"`,
    [reference],
  );
  expect(lines).toEqual([
    { type: "BUS", claimedPence: 480, lastName },
    { type: "TRAIN", claimedPence: 1500, lastName },
  ]);
});

test("without JavaScript, 'Add another expense' draws the form again with one more line", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/claims/new");
  await page.getByLabel("Expense 1 Description").fill("Bus to the hospital");
  await page.getByRole("button", { name: "Add another expense" }).click();
  await expect(page.getByLabel("Expense 2 Type")).toBeVisible();
  await expect(page.getByLabel("Expense 1 Description")).toHaveValue("Bus to the hospital");
  await context.close();
});
