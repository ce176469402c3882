// axe-core scan of each page: no serious or critical violations, at 1280 px and again at 320 px,
// where the page itself must not scroll sideways (WCAG 1.4.10; wide tables scroll in their own
// box). Later pages join this list.
// Pages that only fill up after a run (Bank Admin with files, upload errors) are scanned in
// e2e/runs/direct-payments.spec.ts, where that data is made.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { scan as scanAtCurrentWidth } from "./support/axe";
import { e2eApiToken, postClaim } from "./support/claims";
import { sql, userIdByEmail } from "./support/db";
import {
  createBenefitPlan,
  createCycle,
  enrolNewPerson,
  fillPaymentPlanForm,
  monthStart,
  randomLetters,
  savePaymentPlan,
  uniqueCode,
  type Enrolee,
} from "./support/plans";
import { demoUser, errorSummary, freshPage, secondDemoUser, signInOverHttp } from "./support/sign-in";

/** axe at the page's width (1280 px), then at 320 px with no sideways scroll of the page, then back. */
async function scan(page: Page) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await scanAtCurrentWidth(page);
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    const widths = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(widths.scrollWidth, `${new URL(page.url()).pathname} scrolls sideways at 320 px`).toBeLessThanOrEqual(
      widths.clientWidth,
    );
    await scanAtCurrentWidth(page);
  } finally {
    await page.setViewportSize(size);
  }
}

test("sign-in page, empty and with errors", async ({ page }) => {
  await page.goto("/login");
  await scan(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("home page for each role", async ({ browser }) => {
  for (const email of Object.values(demoUser)) {
    const page = await freshPage(browser);
    await signInOverHttp(page.request, email);
    await page.goto("/");
    await scan(page);
    await page.close();
  }
});

test("the accessibility statement signed out and in, the account page, an unknown claim's 404", async ({ page }) => {
  await page.goto("/accessibility");
  await scan(page);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  for (const path of ["/accessibility", "/account"]) {
    await page.goto(path);
    await scan(page);
  }
  expect((await page.goto("/claims/ZZZZZZZ"))?.status()).toBe(404);
  await scan(page);
});

test("a claim page with a success banner, then a stale tab's error", async ({ browser }) => {
  const first = await freshPage(browser);
  const [{ reference }] = await sql<{ reference: string }>(
    `SELECT reference FROM "Claim" WHERE status = 'NEW' AND "assignedToId" IS NULL ORDER BY reference DESC LIMIT 1`,
  );
  await signInOverHttp(first.request, demoUser.CASEWORKER);
  const second = await first.context().newPage();
  await first.goto(`/claims/${reference}`);
  await second.goto(`/claims/${reference}`);
  await first.getByRole("button", { name: "Assign to me" }).click();
  await expect(first.getByRole("status").filter({ hasText: "The claim is assigned to you." })).toBeVisible();
  await scan(first);
  await second.getByRole("button", { name: "Assign to me" }).click();
  await expect(errorSummary(second)).toContainText("You changed this claim in another tab");
  await scan(second);
});

test("403 page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await scan(page);
});

test("admin pages and the password page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  for (const path of ["/admin/users", `/admin/users/${await userIdByEmail(demoUser.CASEWORKER)}`, "/account/password"]) {
    await page.goto(path);
    await scan(page);
  }
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("claims pages", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  const [{ reference }] = await sql<{ reference: string }>(
    `SELECT reference FROM "Claim" WHERE status = 'NEW' ORDER BY reference LIMIT 1`,
  );
  const [{ reference: approved }] = await sql<{ reference: string }>(
    `SELECT reference FROM "Claim" WHERE status = 'APPROVED' ORDER BY reference LIMIT 1`,
  );
  for (const path of [
    "/claims",
    "/claims?status=NEW&method=BANK",
    `/claims/${reference}`,
    `/claims/${approved}`,
    "/claims/new",
  ]) {
    await page.goto(path);
    await scan(page);
  }
  await page.goto(`/claims/${reference}`);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("caseworker pages: a claim with a document, its thread and a case note, check your answers, the person page, and the subject-access page", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  const claim = await postClaim(page.request);
  const sent = await page.request.post(`/api/claims/${claim.reference}/documents`, {
    headers: { Authorization: `Bearer ${await e2eApiToken()}` },
    multipart: { file: { name: "receipt.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") } },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await page.getByLabel("Add a case note").fill("Phoned the claimant about the receipt.");
  await page.getByRole("button", { name: "Add case note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Case note added." })).toBeVisible();
  await page.goto(`/claims/${claim.reference}`);
  await scan(page);
  const lines = page.getByRole("group", { name: /^Line \d+:/ });
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole("radio").first().check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Check your decision" })).toBeVisible();
  await scan(page);
  const [{ claimantId }] = await sql<{ claimantId: string }>(`SELECT "claimantId" FROM "Claim" WHERE reference = $1`, [
    claim.reference,
  ]);
  await page.goto(`/claimants/${claimantId}`);
  await scan(page);
  const admin = await freshPage(browser);
  await signInOverHttp(admin.request, demoUser.ADMIN);
  for (const path of [`/claimants/${claimantId}`, `/claimants/${claimantId}/subject-access`]) {
    await admin.goto(path);
    await scan(admin);
  }
});

test("admin claim tools: API tokens and the outbox", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  for (const path of ["/admin/api-tokens", "/outbox", "/claims"]) {
    await page.goto(path);
    await scan(page);
  }
});

test("runs page", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/runs");
  await scan(page);
  await page.getByRole("button", { name: "Run direct payments now" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await scan(page);
});

test("bank admin and bank holidays pages, empty and with errors", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/bank-admin");
  await scan(page);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(errorSummary(page)).toContainText("Choose a file to upload");
  await scan(page);
  await page.goto("/bank-admin?from=2026-02-30");
  await expect(errorSummary(page)).toContainText("Runs from must be a real date");
  await scan(page);

  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/bank-holidays");
  await scan(page);
  await page
    .getByLabel("Bank holidays file (JSON)")
    .setInputFiles({ name: "holidays.json", mimeType: "application/json", buffer: Buffer.from("not json") });
  await page.getByRole("button", { name: "Upload and replace" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByRole("table", { name: "Problems in the file" })).toBeVisible();
  await scan(page);
});

test("payout page for a caseworker (uploads, the queue, batches) and for SSCL finance, empty and with errors", async ({
  page,
}) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/payout");
  await scan(page);
  await page.getByRole("button", { name: "Upload payment codes" }).click();
  await expect(errorSummary(page)).toContainText("Choose a file to upload");
  await scan(page);

  await signInOverHttp(page.request, demoUser.SSCL_FINANCE);
  await page.goto("/payout");
  await expect(page.getByRole("button", { name: "Upload payment codes" })).toHaveCount(0);
  await scan(page);
});

// Recurring benefits: a plan of this spec's own (a unique code), made through the pages, so that
// every page is scanned with something on it: waiting bank details, a preview, a cycle with a
// suspended payment, two payment points that overlap, an enrolment file with errors.
test.describe("recurring benefits pages", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  const plan = { code: uniqueCode("A11Y"), name: `Accessible support ${randomLetters(4)}` };
  const period = monthStart(0);
  const suspendedPerson: Enrolee = {
    firstName: "Ada",
    lastName: `Byron${randomLetters(5)}`,
    attributes: { "Household size": { text: "5" }, Disability: { choose: "Yes" }, Region: { select: "North" } },
    bank: { nameOnAccount: "Ada Byron", sortCode: "107999", accountNumber: "88837491" },
  };
  let personReference = "";
  let paymentPlanId = "";
  let cycleId = "";
  let pointId = "";

  const as = async (browser: Browser, email: string): Promise<Page> => {
    const page = await freshPage(browser);
    await signInOverHttp(page.request, email);
    return page;
  };

  test("benefit plan pages: list, new, plan, edit, enrol and a beneficiary, with their errors", async ({ browser }) => {
    const maker = await as(browser, demoUser.PLAN_MANAGER);
    await maker.goto("/benefit-plans/new");
    await scan(maker);
    await maker.getByRole("button", { name: "Create benefit plan" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);

    await createBenefitPlan(maker, {
      ...plan,
      attributes: [
        { name: "Household size", type: "Number" },
        { name: "Disability", type: "Yes or no" },
        { name: "Region", type: "One of a list", options: ["North", "South"] },
      ],
    });
    await maker.goto(`/benefit-plans/${plan.code}/enrol`);
    await scan(maker);
    await maker.getByRole("button", { name: "Enrol", exact: true }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);
    personReference = await enrolNewPerson(maker, plan.code, suspendedPerson);
    await enrolNewPerson(maker, plan.code, {
      firstName: "Ben",
      lastName: `Okri${randomLetters(5)}`,
      attributes: { "Household size": { text: "1" }, Disability: { choose: "No" }, Region: { select: "South" } },
    });
    // The maker's view of their own waiting bank details (masked), and a form's errors.
    await maker.goto(`/benefit-plans/${plan.code}/beneficiaries/${personReference}`);
    await expect(
      maker.getByText("You proposed these bank details, so another plan manager must approve or reject them."),
    ).toBeVisible();
    await scan(maker);
    await maker.getByText("Change bank details", { exact: true }).click();
    await maker.getByRole("button", { name: "Propose new bank details" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);

    for (const path of [
      `/benefit-plans/${plan.code}`,
      `/benefit-plans/${plan.code}?reference=BAD`,
      `/benefit-plans/${plan.code}/edit`,
    ]) {
      await maker.goto(path);
      await scan(maker);
    }
    await maker.getByLabel("Name", { exact: true }).fill("");
    await maker.getByRole("button", { name: "Save changes" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);

    // The checker sees the waiting list and the details in full; an accountant only looks.
    const checker = await as(browser, secondDemoUser.PLAN_MANAGER);
    for (const path of ["/benefit-plans", `/benefit-plans/${plan.code}/beneficiaries/${personReference}`]) {
      await checker.goto(path);
      await scan(checker);
    }
    const accountant = await as(browser, demoUser.ACCOUNTANT);
    for (const path of ["/benefit-plans", `/benefit-plans/${plan.code}/beneficiaries/${personReference}`]) {
      await accountant.goto(path);
      await scan(accountant);
    }
  });

  test("payment plan pages: list, both steps of new with errors and a preview, the plan with a preview, edit", async ({
    browser,
  }) => {
    const maker = await as(browser, demoUser.PLAN_MANAGER);
    await maker.goto("/payment-plans/new");
    await scan(maker);
    await maker.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);
    await maker.getByRole("radio", { name: `${plan.name} (${plan.code})` }).check();
    await maker.getByRole("button", { name: "Continue" }).click();
    await maker.getByRole("button", { name: "Save payment plan" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);

    await fillPaymentPlanForm(maker, {
      benefitPlan: plan,
      code: uniqueCode("A11Y"),
      name: `Accessible monthly ${randomLetters(4)}`,
      validFrom: period,
      baseAmount: "40",
      amounts: [
        {
          label: "Large household",
          attribute: "Household size (number)",
          operator: "is at least (>=)",
          value: { text: "4" },
          amount: "25",
          countsTowardsCeiling: true,
        },
        {
          label: "Northern supplement",
          attribute: "Region (one-of list)",
          operator: "is (=)",
          value: { choose: "North" },
          amount: "15",
          countsTowardsCeiling: false,
        },
      ],
      ceiling: "20",
      limit: "60",
    });
    await maker.getByLabel("Person reference").fill(personReference);
    await maker.getByRole("button", { name: "Preview", exact: true }).click();
    await expect(maker.getByRole("heading", { name: /^Preview for / })).toBeVisible({ timeout: 20_000 });
    await scan(maker);
    paymentPlanId = await savePaymentPlan(maker);
    await scan(maker);

    for (const path of [
      `/payment-plans/${paymentPlanId}?person=${personReference}`,
      `/payment-plans/${paymentPlanId}?person=ZZZZZZZ`,
    ]) {
      await maker.goto(path);
      await scan(maker);
    }
    await maker.goto(`/payment-plans/${paymentPlanId}/edit`);
    await scan(maker);
    await maker.getByLabel("Base amount").fill("");
    await maker.getByRole("button", { name: "Save changes" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);

    const accountant = await as(browser, demoUser.ACCOUNTANT);
    await accountant.goto("/payment-plans");
    await scan(accountant);
  });

  test("payment cycle pages: the list with the create form and its error, a payroll with a suspended payment, reconciliation", async ({
    browser,
  }) => {
    // Two overlapping payment points, in place before the payroll is built (they are fixed then).
    const [benefitPlan] = await sql<{ id: string }>(`SELECT id FROM "BenefitPlan" WHERE code = $1`, [plan.code]);
    const maker = await userIdByEmail(demoUser.PLAN_MANAGER);
    const manager = await userIdByEmail(secondDemoUser.CASEWORKER);
    const points = [
      { name: "Large households", filters: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }] },
      { name: "The North", filters: [{ attribute: "Region", type: "ONE_OF", operator: "=", value: "North" }] },
    ];
    for (const [i, point] of points.entries()) {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO "PaymentPoint" (id, "benefitPlanId", name, position, filters, "managerId", "createdById", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, $6, now()) RETURNING id`,
        [benefitPlan.id, point.name, i + 1, JSON.stringify(point.filters), manager, maker],
      );
      pointId ||= row.id;
    }

    const accountant = await as(browser, demoUser.ACCOUNTANT);
    await accountant.goto("/payment-cycles");
    await scan(accountant);
    await accountant.getByRole("button", { name: "Create cycle and build its payroll" }).click();
    await expect(errorSummary(accountant)).toBeVisible();
    await scan(accountant);
    cycleId = await createCycle(accountant, paymentPlanId, period);
    await expect(accountant.getByRole("heading", { name: "Suspended payments" })).toBeVisible();
    await scan(accountant);
    await accountant.getByRole("button", { name: "Decide the ticked payments" }).click();
    await expect(errorSummary(accountant)).toBeVisible();
    await scan(accountant);
    await accountant.goto(`/payment-cycles/${cycleId}/reconciliation`);
    await scan(accountant);

    const checker = await as(browser, secondDemoUser.ACCOUNTANT);
    for (const path of [`/payment-cycles/${cycleId}`, `/payment-cycles/${cycleId}?status=SUSPENDED`, "/payment-cycles"]) {
      await checker.goto(path);
      await scan(checker);
    }
  });

  test("payment point pages: list, new with errors, a point with its overlaps, edit, and its payroll for its manager", async ({
    browser,
  }) => {
    const maker = await as(browser, demoUser.PLAN_MANAGER);
    await maker.goto("/payment-points/new");
    await scan(maker);
    await maker.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);
    await maker.getByRole("radio", { name: `${plan.name} (${plan.code})` }).check();
    await maker.getByRole("button", { name: "Continue" }).click();
    await maker.getByRole("button", { name: "Save payment point" }).click();
    await expect(errorSummary(maker)).toBeVisible();
    await scan(maker);
    for (const path of ["/payment-points", `/payment-points/${pointId}`, `/payment-points/${pointId}/edit`]) {
      await maker.goto(path);
      await scan(maker);
    }
    const manager = await as(browser, secondDemoUser.CASEWORKER);
    for (const path of [`/payment-points/${pointId}/payroll`, `/payment-points/${pointId}/payroll?cycle=${cycleId}`]) {
      await manager.goto(path);
      await scan(manager);
    }
  });

  test("at 320 px wide, the payroll and the payment plan form do not scroll sideways", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const scrollWidth = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
    await signInOverHttp(page.request, demoUser.ACCOUNTANT);
    await page.goto(`/payment-cycles/${cycleId}`);
    await expect(page.getByRole("heading", { name: "Suspended payments" })).toBeVisible();
    expect(await scrollWidth(), "/payment-cycles/[id]").toBeLessThanOrEqual(320);

    await context.clearCookies();
    await signInOverHttp(page.request, demoUser.PLAN_MANAGER);
    const [benefitPlan] = await sql<{ id: string }>(`SELECT id FROM "BenefitPlan" WHERE code = $1`, [plan.code]);
    for (const path of ["/payment-plans/new", `/payment-plans/new?benefitPlan=${benefitPlan.id}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Create a payment plan" })).toBeVisible();
      expect(await scrollWidth(), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  test("enrolment file pages: the plan's files with the upload form and its error, a refused file, a file waiting for a checker", async ({
    browser,
  }) => {
    const maker = await as(browser, demoUser.PLAN_MANAGER);
    const filesPage = `/benefit-plans/${plan.code}/uploads`;
    await maker.goto(filesPage);
    await scan(maker);
    await maker.getByRole("button", { name: "Upload and check" }).click();
    await expect(errorSummary(maker)).toContainText("Choose a file to upload");
    await scan(maker);

    const header =
      "Person Reference,First Name,Last Name,Date of Birth,Address Line 1,Address Line 2,Town,County,Postcode,Contact Preference,Email,Phone,Payment Method,Name on Account,Sort Code,Account Number,Roll Number,Enrolled From,Household size,Disability,Region";
    const good = `,Cleo,Laine${randomLetters(4)},1950-05-01,1 Mill Lane,,Leeds,,LS2 7EY,LETTER,,,BANK,Cleo Laine,202959,63748472,,${period},2,no,South`;
    // No last name and an impossible date: the whole file is refused, with a report.
    const bad = `,Dora,,1950-02-30,2 Mill Lane,,Leeds,,LS2 7EY,LETTER,,,CASH,,,,,${period},3,yes,North`;
    const latestUpload = async () => {
      const [upload] = await sql<{ id: string }>(
        `SELECT u.id FROM "Upload" u JOIN "BenefitPlan" b ON b.id = u."benefitPlanId" WHERE b.code = $1
         ORDER BY u."uploadedAt" DESC LIMIT 1`,
        [plan.code],
      );
      return upload.id;
    };
    const upload = async (name: string, rows: string[]) => {
      await maker.goto(filesPage);
      await maker.getByLabel("Enrolment file (CSV)").setInputFiles({
        name,
        mimeType: "text/csv",
        buffer: Buffer.from([header, ...rows, ""].join("\r\n")),
      });
      await maker.getByRole("button", { name: "Upload and check" }).click();
    };

    await upload("enrolment-with-errors.csv", [good, bad]);
    await expect(errorSummary(maker)).toBeVisible({ timeout: 30_000 });
    await scan(maker);
    await maker.goto(`${filesPage}/${await latestUpload()}`);
    await scan(maker);

    await upload("enrolment.csv", [good]);
    await expect(maker.getByRole("link", { name: "See the full result of this upload" })).toBeVisible({ timeout: 30_000 });
    const waiting = await latestUpload();
    const checker = await as(browser, secondDemoUser.PLAN_MANAGER);
    for (const page of [maker, checker]) {
      await page.goto(`${filesPage}/${waiting}`);
      await scan(page);
    }
    await maker.goto(filesPage);
    await scan(maker);
  });
});
