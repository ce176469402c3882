// Recurring benefits end to end, in order, through the pages (docs/plans.md): a plan manager creates
// a benefit plan and enrols three people, whose bank details (and methods, where they wait) a second
// plan manager approves; the plan manager builds a monthly payment plan with two conditional amounts,
// a ceiling and a limit, and previews it; an accountant creates this month's cycle, sees the payroll
// and the suspended payment, approves that with a note, and is refused approving the cycle, which a
// second accountant approves; SSCL finance's bank and Payout runs send the payments (AccessPay and
// Payout lines with `<person>-<YYYYMM>`); SSCL's failed-payments file fails one; after new bank
// details, next month's cycle carries its amount, and the next run pays it once.
//
// "Run now" sends every waiting payment, the demo's claims included. The direct-payments spec after
// this one starts from bank payments waiting, so this spec leaves one waiting, as it found them.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { scan } from "../support/axe";
import { approveNewClaim } from "../support/claims";
import { sql } from "../support/db";
import {
  approveWaitingChanges,
  createBenefitPlan,
  createCycle,
  cyclePaymentReference,
  enrolNewPerson,
  fillPaymentPlanForm,
  monthStart,
  paymentByReference,
  randomLetters,
  savePaymentPlan,
  storedFileWith,
  uniqueCode,
  type Enrolee,
} from "../support/plans";
import { downloadBankFiles, runNow } from "../support/runs";
import { demoUser, freshPage, secondDemoUser, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const benefitPlan = { code: uniqueCode("E2E-CARERS"), name: `Carers support ${randomLetters(4)}` };
const paymentPlanCode = uniqueCode("E2E-MONTHLY");
const thisPeriod = monthStart(0);
const nextPeriod = monthStart(1);

// £50 base; +£20 for a household of 3 or more and +£30 for a disability, both under a £40 ceiling;
// a payment above £75 is suspended. So: 50 + 40 = £90 (suspended), £50 and £70 (cash).
const people: Record<"suspended" | "failing" | "cash", Enrolee> = {
  suspended: {
    firstName: "Grace",
    lastName: `Hopper${randomLetters(5)}`,
    attributes: { "Household size": { text: "4" }, Disability: { choose: "Yes" } },
    bank: { nameOnAccount: "Grace Hopper", sortCode: "107999", accountNumber: "88837491" },
  },
  failing: {
    firstName: "Alan",
    lastName: `Turing${randomLetters(5)}`,
    attributes: { "Household size": { text: "2" }, Disability: { choose: "No" } },
    bank: { nameOnAccount: "Alan Turing", sortCode: "089999", accountNumber: "66374958" },
  },
  cash: {
    firstName: "Mary",
    lastName: `Seacole${randomLetters(5)}`,
    attributes: { "Household size": { text: "3" }, Disability: { choose: "No" } },
  },
};

const refs = { suspended: "", failing: "", cash: "" };
let paymentPlanId = "";
let firstCycleId = "";
let bankRunsMade = false;
/** The first bank run's AccessPay file, as SSCL downloaded it. */
let firstAccessPay: string[] = [];
let demoBankPaymentsWaiting = false;

/**
 * Sends the ticked suspended payments' decision with its note. The last one decided takes the form
 * off the page (and its message with it), so the cycle's timeline is what shows the decision.
 */
async function decideSuspended(page: Page, note: string, how: string) {
  await page.getByLabel("Note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Decide the ticked payments" }).click();
  await expect(page.getByRole("heading", { name: `1 suspended payment approved ${how}: ${note}` })).toBeVisible();
}

/** The cycle's timeline says it is approved (the decision's own message goes with the form, see decideSuspended). */
async function expectApproved(page: Page) {
  await expect(
    page.getByRole("heading", { name: "Cycle approved: 3 payments are ready for the bank and Payout runs." }),
  ).toBeVisible();
}

const signedIn = async (browser: Browser, email: string): Promise<Page> => {
  const page = await freshPage(browser);
  await signInOverHttp(page.request, email);
  return page;
};

test("a plan manager creates a benefit plan and enrols three people; a second plan manager approves their details", async ({
  page,
  browser,
}) => {
  await signInOverHttp(page.request, demoUser.PLAN_MANAGER);
  await createBenefitPlan(page, {
    ...benefitPlan,
    attributes: [
      { name: "Household size", type: "Number" },
      { name: "Disability", type: "Yes or no" },
    ],
  });
  for (const key of ["suspended", "failing", "cash"] as const)
    refs[key] = await enrolNewPerson(page, benefitPlan.code, people[key]);

  // The maker of new bank details sees them masked and cannot approve them.
  await page.goto(`/benefit-plans/${benefitPlan.code}/beneficiaries/${refs.failing}`);
  await expect(
    page.getByText("You proposed these bank details, so another plan manager must approve or reject them."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve new bank details" })).toHaveCount(0);
  await expect(page.getByText("66374958")).toHaveCount(0);

  const checker = await signedIn(browser, secondDemoUser.PLAN_MANAGER);
  await checker.goto(`/benefit-plans/${benefitPlan.code}/beneficiaries/${refs.failing}`);
  await expect(checker.getByText("Shown in full so that you can check them against what the person gave.")).toBeVisible();
  await expect(checker.getByText("66374958")).toBeVisible();
  for (const key of ["suspended", "failing", "cash"] as const) await approveWaitingChanges(checker, benefitPlan.code, refs[key]);

  await page.goto(`/benefit-plans/${benefitPlan.code}`);
  const beneficiaries = page.getByRole("table").filter({ hasText: "Person reference" });
  for (const key of ["suspended", "failing", "cash"] as const) await expect(beneficiaries).toContainText(refs[key]);
});

test("a plan manager builds a payment plan with two conditional amounts, a ceiling and a limit; the preview shows each part", async ({
  page,
}) => {
  await signInOverHttp(page.request, demoUser.PLAN_MANAGER);
  await fillPaymentPlanForm(page, {
    benefitPlan,
    code: paymentPlanCode,
    name: `Monthly carers payment ${paymentPlanCode}`,
    validFrom: thisPeriod,
    baseAmount: "50",
    amounts: [
      {
        label: "Large household",
        attribute: "Household size (number)",
        operator: "is at least (>=)",
        value: { text: "3" },
        amount: "20",
        countsTowardsCeiling: true,
      },
      {
        label: "Disability",
        attribute: "Disability (yes/no)",
        operator: "is (=)",
        value: { choose: "Yes" },
        amount: "30",
        countsTowardsCeiling: true,
      },
    ],
    ceiling: "40",
    limit: "75",
  });

  await page.getByLabel("Person reference").fill(refs.suspended);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const { firstName, lastName } = people.suspended;
  const parts = page.getByRole("table", { name: `What the rule pays ${firstName} ${lastName}` });
  await expect(parts).toBeVisible({ timeout: 20_000 });
  const row = (name: RegExp) => parts.getByRole("row").filter({ hasText: name });
  await expect(row(/^Base amount/)).toContainText("£50.00");
  await expect(row(/^Large household/)).toContainText("Met");
  await expect(row(/^Large household/)).toContainText("£20.00");
  await expect(row(/^Disability/)).toContainText("£30.00");
  await expect(row(/^Ceiling/)).toContainText("the excess is taken off");
  await expect(row(/^Ceiling/)).toContainText("-£10.00");
  await expect(row(/^Amount for the period/)).toContainText("£90.00");
  await expect(page.getByText(/Above the per-payment limit of £75\.00: the payment would be suspended/)).toBeVisible();

  paymentPlanId = await savePaymentPlan(page);
  await expect(page.getByRole("listitem").filter({ hasText: "Large household" }).first()).toContainText("£20.00");
  await expect(page.getByText("Carried into the next cycle")).toBeVisible();
});

test("an accountant creates the cycle, sees the payroll and the suspended payment, approves it; only a second accountant approves the cycle", async ({
  page,
  browser,
}) => {
  await signInOverHttp(page.request, demoUser.ACCOUNTANT);
  firstCycleId = await createCycle(page, paymentPlanId, thisPeriod);
  const ref = (key: keyof typeof refs) => cyclePaymentReference(refs[key], thisPeriod);

  const payroll = page.locator("#payroll");
  for (const key of ["failing", "cash"] as const) await expect(payroll).toContainText(ref(key));
  const suspended = page.getByRole("checkbox", { name: new RegExp(ref("suspended")) });
  await expect(suspended).toBeVisible();
  await expect(page.getByRole("group", { name: "Suspended payments", exact: true })).toContainText("£90.00");
  expect(await paymentByReference(ref("suspended"))).toMatchObject({ status: "SUSPENDED", amountPence: 9000 });
  expect(await paymentByReference(ref("failing"))).toMatchObject({ status: "DRAFT", amountPence: 5000, method: "BANK" });
  expect(await paymentByReference(ref("cash"))).toMatchObject({ status: "DRAFT", amountPence: 7000, method: "CASH" });

  // A suspended payment blocks approval; the accountant approves it with a note.
  await suspended.check();
  await page.getByRole("radio", { name: "Approve at the full amount" }).check();
  await decideSuspended(page, "Household of four and a disability confirmed by letter.", "at the full amount");
  expect((await paymentByReference(ref("suspended")))?.status).toBe("DRAFT");

  // The maker may not approve the cycle, and the page says why.
  await page.reload();
  await expect(page.getByText("You built this cycle's payroll: another accountant must approve or reject it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve cycle" })).toHaveCount(0);

  const checker = await signedIn(browser, secondDemoUser.ACCOUNTANT);
  await checker.goto(`/payment-cycles/${firstCycleId}`);
  await checker.getByLabel(/^Approve 3 payments \(£210\.00\)/).check();
  await checker.getByRole("button", { name: "Approve cycle" }).click();
  await expectApproved(checker);
  for (const key of ["suspended", "failing", "cash"] as const) expect((await paymentByReference(ref(key)))?.status).toBe("NEW");
});

test("SSCL finance's bank and Payout runs send the cycle's payments, with their references in the files", async ({ page }) => {
  const ref = (key: keyof typeof refs) => cyclePaymentReference(refs[key], thisPeriod);
  const [{ waiting }] = await sql<{ waiting: string }>(
    `SELECT count(*) AS waiting FROM "Payment" WHERE status = 'NEW' AND method = 'BANK' AND "holdReason" IS NULL AND "claimId" IS NOT NULL`,
  );
  demoBankPaymentsWaiting = Number(waiting) > 0;

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  bankRunsMade = true;
  await runNow(page, "bank");
  await runNow(page, "payout");
  for (const key of ["suspended", "failing", "cash"] as const) expect((await paymentByReference(ref(key)))?.status).toBe("SENT");

  firstAccessPay = await downloadBankFiles(page, ref("failing"));
  expect(firstAccessPay).toContain(`089999,66374958,Alan Turing,50.00,${ref("failing")}`);
  expect(firstAccessPay).toContain(`107999,88837491,Grace Hopper,90.00,${ref("suspended")}`);

  const payout = await storedFileWith(ref("cash"), "PAYOUT_CSV");
  const line = payout.lines.find((l) => l.split(",")[12] === ref("cash"))!.split(",");
  // Amount, name, and the period's first day as the "event date" (file-formats §3).
  expect([line[0], line[2], line[3], line[21]]).toEqual([
    "70.00",
    "Mary",
    people.cash.lastName,
    thisPeriod.split("-").reverse().join(" "),
  ]);
});

test("SSCL's failed-payments file fails one; next month's cycle carries its amount and the next run pays it once", async ({
  page,
  browser,
}) => {
  const failed = cyclePaymentReference(refs.failing, thisPeriod);
  const carrying = cyclePaymentReference(refs.failing, nextPeriod);
  const line = firstAccessPay.find((l) => l.endsWith(`,${failed}`))!;

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  await page.getByLabel("SSCL failed-payments file (CSV)").setInputFiles({
    name: `failed-${failed}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${line},Account closed\n`),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 payment marked as failed" })).toBeVisible();
  const failedPayment = (await paymentByReference(failed))!;
  expect(failedPayment.status).toBe("FAILED");

  // New bank details for the person whose payment bounced, approved by a second plan manager.
  const maker = await signedIn(browser, demoUser.PLAN_MANAGER);
  await maker.goto(`/benefit-plans/${benefitPlan.code}/beneficiaries/${refs.failing}`);
  await maker.getByText("Change bank details", { exact: true }).click();
  await maker.getByLabel("Name on the account").fill("Alan Turing");
  await maker.getByLabel("Sort code").fill("20-29-59");
  await maker.getByLabel("Account number").fill("63748472");
  await maker.getByRole("button", { name: "Propose new bank details" }).click();
  await expect(maker.getByRole("status").filter({ hasText: "New bank details proposed." })).toBeVisible();
  const checker = await signedIn(browser, secondDemoUser.PLAN_MANAGER);
  await approveWaitingChanges(checker, benefitPlan.code, refs.failing);

  // Next month's cycle: the failed £50 rides on the person's £50, and the old payment is carried over.
  const accountant = await signedIn(browser, demoUser.ACCOUNTANT);
  const cycleId = await createCycle(accountant, paymentPlanId, nextPeriod);
  await accountant.locator("#payroll").getByText(`Breakdown of ${carrying}`).click();
  const breakdown = accountant.locator("#payroll").getByRole("row").filter({ hasText: carrying });
  await expect(breakdown).toContainText(`Carried over from an unpaid earlier payment (${failed})`);
  await expect(breakdown).toContainText("£100.00");
  expect(await paymentByReference(carrying)).toMatchObject({ status: "DRAFT", amountPence: 10000 });
  expect((await paymentByReference(failed))?.status).toBe("CARRIED_OVER");
  const carriedLines = await sql<{ reference: string; kind: string; amountPence: number }>(
    `SELECT p.reference, l.kind, l."amountPence" FROM "PaymentLine" l JOIN "Payment" p ON p.id = l."paymentId"
     WHERE l."carriedFromPaymentId" = $1`,
    [failedPayment.id],
  );
  expect(carriedLines).toEqual([{ reference: carrying, kind: "CARRIED_OVER", amountPence: 5000 }]);

  // The £90 payment is suspended again; approved at the limit this time. A second accountant approves.
  const suspended = cyclePaymentReference(refs.suspended, nextPeriod);
  await accountant.getByRole("checkbox", { name: new RegExp(suspended) }).check();
  await accountant.getByRole("radio", { name: "Approve at the plan's limit of £75.00" }).check();
  await decideSuspended(accountant, "Paid at the limit until the review in the new year.", "at the plan's limit of £75.00");
  const second = await signedIn(browser, secondDemoUser.ACCOUNTANT);
  await second.goto(`/payment-cycles/${cycleId}`);
  await second.getByLabel(/^Approve 3 payments \(£245\.00\)/).check();
  await second.getByRole("button", { name: "Approve cycle" }).click();
  await expectApproved(second);

  await runNow(page, "bank");
  await runNow(page, "payout");
  expect((await paymentByReference(carrying))?.status).toBe("SENT");
  const next = await downloadBankFiles(page, carrying);
  expect(next).toContain(`202959,63748472,Alan Turing,100.00,${carrying}`);
  expect(next).toContain(`107999,88837491,Grace Hopper,75.00,${suspended}`);

  // Paid once: the failed payment's money is on exactly one live file line after its own.
  const [{ lines: paidLines }] = await sql<{ lines: string }>(
    `SELECT count(*) AS lines FROM "FileLine" fl
     WHERE NOT fl."isVoid" AND fl."paymentId" IN (SELECT "paymentId" FROM "PaymentLine" WHERE "carriedFromPaymentId" = $1)`,
    [failedPayment.id],
  );
  expect(Number(paidLines)).toBe(1);
  const [{ lines: ownLines }] = await sql<{ lines: string }>(`SELECT count(*) AS lines FROM "FileLine" WHERE "paymentId" = $1`, [
    failedPayment.id,
  ]);
  expect(Number(ownLines)).toBe(1);
  expect((await paymentByReference(failed))?.status).toBe("CARRIED_OVER");
  await scan(second);

  // The first cycle's reconciliation, with a payment failed and carried over, sent ones and a cash one.
  await accountant.goto(`/payment-cycles/${firstCycleId}/reconciliation`);
  await expect(accountant.getByRole("heading", { level: 1 })).toBeVisible();
  await scan(accountant);
});

test("a plan manager may look at a cycle, but neither decides it nor creates one", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.PLAN_MANAGER);
  await page.goto(`/payment-cycles/${firstCycleId}`);
  await expect(page.getByText("You can look at this cycle. Only accountants decide it.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve cycle|Reject cycle|Decide the ticked payments/ })).toHaveCount(0);
  await page.goto("/payment-cycles");
  await expect(page.getByText("You can look at payment cycles. Only accountants create and decide them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create cycle and build its payroll" })).toHaveCount(0);
});

test.afterAll(async ({ browser }) => {
  if (!bankRunsMade || !demoBankPaymentsWaiting) return;
  const caseworker = await signedIn(browser, demoUser.CASEWORKER);
  await approveNewClaim(caseworker, "BANK");
  await caseworker.context().close();
});
