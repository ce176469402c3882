// Recurring benefits through the pages, as the people who use them do: a plan manager creates a
// benefit plan, enrols people and builds a payment plan; a second plan manager approves what waits
// for them; an accountant creates a cycle. Shared by e2e/plans/* and the accessibility scans, so
// each spec makes its own plan (a unique code) and never depends on the demo data.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { sql } from "./db";

/** Today in Europe/London, YYYY-MM-DD: the portal's calendar. */
export const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** The first day of the month `months` after today's (London), YYYY-MM-DD. */
export function monthStart(months = 0): string {
  const [year, month] = londonToday().split("-").map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** A cycle payment's reference: the person's, "-" and the period start's YYYYMM. */
export const cyclePaymentReference = (personReference: string, periodStart: string) =>
  `${personReference}-${periodStart.slice(0, 4)}${periodStart.slice(5, 7)}`;

/** Capital letters only (names are checked as a claimant's are). */
export const randomLetters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(65 + (b % 26))).join("");

/** A code of the prefix and six random letters and digits: a spec's own plan. */
export const uniqueCode = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex").toUpperCase()}`;

export type AttributeSpec = {
  name: string;
  type: "Number" | "Text" | "Date" | "Yes or no" | "One of a list";
  options?: string[];
};

/** Creates a benefit plan with up to three attributes (the blank rows the form offers); lands on its page. */
export async function createBenefitPlan(page: Page, plan: { code: string; name: string; attributes: AttributeSpec[] }) {
  await page.goto("/benefit-plans/new");
  await page.getByLabel("Code", { exact: true }).fill(plan.code);
  await page.getByLabel("Name", { exact: true }).fill(plan.name);
  for (const [i, attribute] of plan.attributes.entries()) {
    const row = page.getByRole("group", { name: `Attribute ${i + 1}`, exact: true });
    await row.getByRole("textbox", { name: `Attribute ${i + 1} Name` }).fill(attribute.name);
    await row.getByRole("combobox", { name: `Attribute ${i + 1} Type` }).selectOption({ label: attribute.type });
    if (attribute.options)
      await row.getByRole("textbox", { name: `Attribute ${i + 1} Options` }).fill(attribute.options.join("\n"));
  }
  await page.getByRole("button", { name: "Create benefit plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/benefit-plans/${plan.code}$`), { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(plan.name);
}

export type Enrolee = {
  firstName: string;
  lastName: string;
  /** Attribute values by their label: typed in a text box, a radio chosen, or an option of a list selected. */
  attributes: Record<string, { text: string } | { choose: string } | { select: string }>;
  bank?: { nameOnAccount: string; sortCode: string; accountNumber: string };
};

/** Enrols someone new through the form (by letter, from today); returns their person reference. */
export async function enrolNewPerson(page: Page, planCode: string, person: Enrolee): Promise<string> {
  await page.goto(`/benefit-plans/${planCode}/enrol`);
  await page.getByRole("radio", { name: "Someone new" }).check();
  await page.getByLabel("First name", { exact: true }).fill(person.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(person.lastName);
  const born = page.getByRole("group", { name: "Date of birth" });
  await born.getByLabel("Day").fill("14");
  await born.getByLabel("Month").fill("3");
  await born.getByLabel("Year").fill("1961");
  await page.getByLabel("Address line 1", { exact: true }).fill("12 Station Road");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS1 4AP");
  await page.getByLabel("Country").fill("England");
  await page.getByRole("radio", { name: "Letter" }).check();
  for (const [label, value] of Object.entries(person.attributes)) {
    if ("text" in value) await page.getByLabel(label, { exact: true }).fill(value.text);
    else if ("select" in value) await page.getByLabel(label, { exact: true }).selectOption({ label: value.select });
    else
      await page.getByRole("group", { name: label, exact: true }).getByRole("radio", { name: value.choose, exact: true }).check();
  }
  if (person.bank) {
    await page.getByRole("radio", { name: "Bank transfer" }).check();
    await page.getByLabel("Name on the account").fill(person.bank.nameOnAccount);
    await page.getByLabel("Sort code").fill(person.bank.sortCode);
    await page.getByLabel("Account number").fill(person.bank.accountNumber);
  } else {
    await page.getByRole("radio", { name: "Cash at a Post Office" }).check();
  }
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/benefit-plans/${planCode}/beneficiaries/[0-9A-Z]{7}$`), { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${person.firstName} ${person.lastName}`);
  return page.url().split("/").at(-1)!;
}

/**
 * A second plan manager approves whatever waits on the beneficiary (new bank details, a new
 * payment method): a new person's bank details always wait, and their first method may too.
 */
export async function approveWaitingChanges(checker: Page, planCode: string, personReference: string) {
  for (const what of ["bank details", "payment method"]) {
    await checker.goto(`/benefit-plans/${planCode}/beneficiaries/${personReference}`);
    const approve = checker.getByRole("button", { name: `Approve new ${what}` });
    await expect(checker.getByRole("heading", { name: "Payment method", exact: true })).toBeVisible();
    if ((await approve.count()) === 0) continue;
    await approve.click();
    await expect(checker.getByRole("status").filter({ hasText: `New ${what} approved.` })).toBeVisible();
  }
  await checker.reload();
  await expect(checker.getByText("New bank details waiting", { exact: true })).toHaveCount(0);
  await expect(checker.getByText("New payment method waiting", { exact: true })).toHaveCount(0);
}

export type ConditionalAmountSpec = {
  label: string;
  /** The attribute as the list shows it, e.g. "Household size (number)". */
  attribute: string;
  /** The operator as the list shows it, e.g. "is at least (>=)". */
  operator: string;
  value: { text: string } | { choose: string };
  amount: string;
  countsTowardsCeiling: boolean;
};

export type PaymentPlanSpec = {
  benefitPlan: { code: string; name: string };
  code: string;
  name: string;
  validFrom: string;
  baseAmount: string;
  amounts: ConditionalAmountSpec[];
  ceiling?: string;
  limit?: string;
};

/** Chooses the benefit plan and fills in the payment plan form (monthly, carrying unpaid amounts); saves nothing. */
export async function fillPaymentPlanForm(page: Page, plan: PaymentPlanSpec) {
  await page.goto("/payment-plans/new");
  await page.getByRole("radio", { name: `${plan.benefitPlan.name} (${plan.benefitPlan.code})` }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`Benefit plan: ${plan.benefitPlan.name}`)).toBeVisible();

  // Each "add" posts the form and draws it again with a row more.
  for (let n = 1; n <= plan.amounts.length; n++) {
    await page.getByRole("button", { name: n === 1 ? "Add a conditional amount" : "Add another conditional amount" }).click();
    await expect(page.getByRole("group", { name: `Conditional amount ${n}`, exact: true })).toBeVisible();
  }
  await page.getByLabel("Code", { exact: true }).fill(plan.code);
  await page.getByLabel("Name", { exact: true }).fill(plan.name);
  await page.getByLabel("How often it pays").selectOption({ label: "Every month" });
  const [year, month, day] = plan.validFrom.split("-");
  const from = page.getByRole("group", { name: "Valid from" });
  await from.getByLabel("Day").fill(String(Number(day)));
  await from.getByLabel("Month").fill(String(Number(month)));
  await from.getByLabel("Year").fill(year);
  await page
    .getByRole("group", { name: "Carry unpaid amounts into the next cycle?" })
    .getByRole("radio", { name: "Yes", exact: true })
    .check();
  await page.getByLabel("Base amount").fill(plan.baseAmount);
  for (const [i, amount] of plan.amounts.entries()) {
    const n = i + 1;
    const row = page.getByRole("group", { name: `Conditional amount ${n}`, exact: true });
    const condition = (part: string) => row.getByLabel(`Condition 1 of conditional amount ${n}: ${part}`);
    await row.getByLabel(`Conditional amount ${n}: Name`).fill(amount.label);
    await condition("Attribute").selectOption({ label: amount.attribute });
    await condition("Operator").selectOption({ label: amount.operator });
    if ("text" in amount.value) await condition("Value").fill(amount.value.text);
    else await condition("Value").selectOption({ label: amount.value.choose });
    await row.getByLabel("Amount", { exact: true }).fill(amount.amount);
    await row
      .getByRole("group", { name: `Does conditional amount ${n} count towards the ceiling?` })
      .getByRole("radio", { name: amount.countsTowardsCeiling ? "Yes" : "No", exact: true })
      .check();
  }
  if (plan.ceiling) await page.getByLabel("Ceiling (optional)").fill(plan.ceiling);
  if (plan.limit) await page.getByLabel("Per-payment limit (optional)").fill(plan.limit);
}

/** Saves the filled form; returns the new plan's id. */
export async function savePaymentPlan(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Save payment plan" }).click();
  await expect(page).toHaveURL(/\/payment-plans\/[0-9a-f-]{36}\?saved=created$/, { timeout: 20_000 });
  await expect(page.getByText("Payment plan created, with version 1 of its rule.")).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/** An accountant creates the plan's cycle for the period starting `periodStart`; returns its id. */
export async function createCycle(page: Page, paymentPlanId: string, periodStart: string): Promise<string> {
  await page.goto("/payment-cycles");
  await page.getByLabel("Payment plan and period").selectOption(`${paymentPlanId}|${periodStart}`);
  await page.getByRole("button", { name: "Create cycle and build its payroll" }).click();
  await expect(page).toHaveURL(/\/payment-cycles\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

export type CyclePayment = { id: string; status: string; amountPence: number; method: string };

export async function paymentByReference(reference: string): Promise<CyclePayment | undefined> {
  const [payment] = await sql<CyclePayment>(
    `SELECT id, status::text AS status, "amountPence", method::text AS method FROM "Payment" WHERE reference = $1`,
    [reference],
  );
  return payment;
}

/**
 * The stored file (AccessPay or Payout) whose live line holds the payment, read from the file store
 * as SSCL or the Post Office get it, split into lines.
 */
export async function storedFileWith(paymentReference: string, kind: "ACCESSPAY_CSV" | "PAYOUT_CSV") {
  const files = await sql<{ fileName: string; storageKey: string; batchId: string }>(
    `SELECT f."fileName", f."storageKey", b.id AS "batchId" FROM "Payment" p
     JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid" JOIN "Batch" b ON b.id = l."batchId"
     JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = $2
     WHERE p.reference = $1`,
    [paymentReference, kind],
  );
  expect(files, `one live ${kind} line for ${paymentReference}`).toHaveLength(1);
  const bytes = await readFile(path.resolve(process.env.FILE_STORE_DIR ?? ".data/files", files[0].storageKey), "utf8");
  return { ...files[0], lines: bytes.split(/\r?\n/).filter(Boolean) };
}
