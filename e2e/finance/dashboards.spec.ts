// /dashboards (docs/dashboards.md): the charts are drawn on the server as SVG and render in
// Chromium (a screenshot of each is kept); each table alternative holds exactly the numbers of its
// chart's bars; the numbers move by what this spec adds (failed bank payments with a reason that
// holds markup, outstanding vouchers, old open claims, a failed run); each role sees the charts of
// its work; and the page passes the accessibility scan at 1280 and 320 px.
import { randomBytes } from "node:crypto";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { scan as scanAtCurrentWidth } from "../support/axe";
import { intakeBody, postClaim } from "../support/claims";
import { sql, type Role } from "../support/db";
import { demoUser, signInOverHttp } from "../support/sign-in";

test.describe.configure({ mode: "serial" });

const CHARTS_BY_ROLE: Record<Role, string[]> = {
  CASEWORKER: ["chart-queue", "chart-failure-rate", "chart-failure-reasons", "chart-voucher-ages", "chart-voucher-expiry"],
  SSCL_FINANCE: [
    "chart-status-bank",
    "chart-status-cash",
    "chart-run-payments",
    "chart-run-totals",
    "chart-failure-rate",
    "chart-failure-reasons",
    "chart-voucher-ages",
    "chart-voucher-expiry",
  ],
  ACCOUNTANT: ["chart-status-bank", "chart-status-cash", "chart-run-payments", "chart-run-totals"],
  PLAN_MANAGER: ["chart-status-bank", "chart-status-cash"],
  ADMIN: [
    "chart-status-bank",
    "chart-status-cash",
    "chart-run-payments",
    "chart-run-totals",
    "chart-voucher-ages",
    "chart-voucher-expiry",
    "chart-queue",
    "chart-failure-rate",
    "chart-failure-reasons",
  ],
};

// A bar's series is its table's column in a stacked chart; these charts' bars are one column.
const MEASURE: Record<string, string> = {
  "chart-run-payments": "Payments",
  "chart-run-totals": "Total",
  "chart-failure-rate": "Failure rate",
  "chart-failure-reasons": "Failed payments",
  "chart-voucher-ages": "Vouchers",
  "chart-voucher-expiry": "Vouchers",
};

const tag = randomBytes(3).toString("hex");
const REASON = `E2E ${tag} <script>window.__dashboardInjected = true</script> account refused`;
const FAILED = 12;
const VOUCHERS = 3;
const OLD_CLAIMS = 2;
const made = { queueClaims: [] as string[], runId: "" };

const londonIso = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(d);
const dayLabel = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Bar = { x: string; series: string; value: number };

async function bars(page: Page, id: string): Promise<Bar[]> {
  return page.locator(`figure[data-chart="${id}"] rect[data-value]`).evaluateAll((rects) =>
    rects.map((r) => ({
      x: r.getAttribute("data-x") ?? "",
      series: r.getAttribute("data-series") ?? "",
      value: Number(r.getAttribute("data-value")),
    })),
  );
}

/** The chart's table, opened, as "row|column" -> the whole number on a bar (pence, tenths of a per cent). */
async function tableNumbers(page: Page, id: string): Promise<Record<string, number>> {
  const figure = page.locator(`figure[data-chart="${id}"]`);
  const details = figure.locator("details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await figure.getByText("Show the numbers as a table").click();
  return figure.locator("table").evaluate((table) => {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent!.trim());
    const out: Record<string, number> = {};
    for (const tr of table.querySelectorAll("tbody tr")) {
      const row = tr.querySelector("th")!.textContent!.trim();
      tr.querySelectorAll("td").forEach((td, i) => {
        const t = td.textContent!.trim().replace(/,/g, "");
        let n: number | null = null;
        if (/^£-?[\d.]+$/.test(t)) n = Math.round(Number(t.slice(1)) * 100);
        else if (/^-?[\d.]+%$/.test(t)) n = Math.round(Number(t.slice(0, -1)) * 10);
        else if (/^-?\d+$/.test(t)) n = Number(t);
        if (n !== null) out[`${row}|${heads[i + 1]}`] = n;
      });
    }
    return out;
  });
}

/** Every bar's number is in the table where it belongs, and every number of the measure is on a bar. */
async function expectTableMatchesChart(page: Page, id: string) {
  const cells = await tableNumbers(page, id);
  const drawn = await bars(page, id);
  expect(drawn.length, id).toBeGreaterThan(0);
  const onBars = drawn.map((b) => {
    const key = `${b.x}|${MEASURE[id] ?? b.series}`;
    expect(cells[key], `${id}: ${key}`).toBe(b.value);
    return key;
  });
  const measured = Object.keys(cells).filter((k) => !MEASURE[id] || k.endsWith(`|${MEASURE[id]}`));
  expect(onBars.sort(), id).toEqual(measured.sort());
}

async function screenshot(page: Page, testInfo: TestInfo, id: string) {
  const chart = page.locator(`figure[data-chart="${id}"] svg.dashboard-chart`);
  await expect(chart).toBeVisible();
  const path = testInfo.outputPath(`${id}.png`);
  await chart.screenshot({ path });
  await testInfo.attach(id, { path, contentType: "image/png" });
}

async function seed(page: Page) {
  const today = londonIso(new Date());
  for (let i = 0; i < FAILED; i++) {
    const claim = await postClaim(page.request, intakeBody({ method: "BANK" }));
    await sql(`UPDATE "Claim" SET status = 'APPROVED' WHERE id = $1`, [claim.id]);
    await sql(
      `WITH p AS (
         INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "failureReason", "sentAt", "failedAt", "updatedAt")
         SELECT gen_random_uuid(), c.reference || '-01', c."claimantId", c.id, 'BANK', 1500, 'FAILED', $2,
                now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
         FROM "Claim" c WHERE c.id = $1 RETURNING id)
       INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorLabel", reason)
       SELECT p.id, gen_random_uuid(), s.action, s.f::"PaymentStatus", s.t::"PaymentStatus", now() AT TIME ZONE 'UTC', 'e2e', s.reason
       FROM p, (VALUES ('payment.created', NULL, 'NEW', NULL), ('payment.sent', 'NEW', 'SENT', NULL), ('payment.failed', 'SENT', 'FAILED', $2))
         AS s(action, f, t, reason)`,
      [claim.id, REASON],
    );
  }
  for (let i = 0; i < VOUCHERS; i++) {
    const claim = await postClaim(page.request, intakeBody({ method: "CASH" }));
    await sql(`UPDATE "Claim" SET status = 'APPROVED' WHERE id = $1`, [claim.id]);
    await sql(
      `INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "sentAt", "voucherExpiresOn", "updatedAt")
       SELECT gen_random_uuid(), c.reference || '-01', c."claimantId", c.id, 'CASH', 2000, 'SENT',
              (now() - interval '10 days') AT TIME ZONE 'UTC', $2::date, now() AT TIME ZONE 'UTC'
       FROM "Claim" c WHERE c.id = $1`,
      [claim.id, addDays(today, 2)],
    );
    await sql(
      `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorLabel")
       SELECT p.id, gen_random_uuid(), s.action, s.f::"PaymentStatus", s.t::"PaymentStatus", (now() - interval '10 days') AT TIME ZONE 'UTC', 'e2e'
       FROM "Payment" p, (VALUES ('payment.created', NULL, 'NEW'), ('payment.sent', 'NEW', 'SENT')) AS s(action, f, t)
       WHERE p."claimId" = $1`,
      [claim.id],
    );
  }
  for (let i = 0; i < OLD_CLAIMS; i++) {
    const claim = await postClaim(page.request, intakeBody({ method: "BANK" }));
    await sql(`UPDATE "Claim" SET "createdAt" = (now() - interval '45 days') AT TIME ZONE 'UTC' WHERE id = $1`, [claim.id]);
    made.queueClaims.push(claim.id);
  }
  const [run] = await sql<{ id: string; startedAt: Date }>(
    `INSERT INTO "Run" (id, kind, status, "startedAt", "finishedAt", "triggeredBy", error)
     VALUES (gen_random_uuid(), 'DIRECT_PAYMENTS', 'FAILED', date_trunc('minute', now() - interval '2 days') AT TIME ZONE 'UTC',
             date_trunc('minute', now() - interval '2 days') AT TIME ZONE 'UTC', 'e2e ${tag}', 'E2E failed run')
     RETURNING id, "startedAt" AT TIME ZONE 'UTC' AS "startedAt"`,
  );
  made.runId = run.id;
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(run.startedAt));
  return { today, runLabel: `Bank ${when} failed` };
}

test.afterAll(async () => {
  // Leave the queue and the runs as other specs expect them: the old claims decided, the run gone.
  if (made.queueClaims.length) await sql(`UPDATE "Claim" SET status = 'REJECTED' WHERE id = ANY($1::uuid[])`, [made.queueClaims]);
  if (made.runId) await sql(`DELETE FROM "Run" WHERE id = $1`, [made.runId]);
});

test("the charts render, each table holds its chart's numbers, and the numbers follow new data", async ({ page }, testInfo) => {
  // The charts carry no <style> and no style="": the Content-Security-Policy would refuse them.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) refused.push(message.text());
  });
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/dashboards");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboards" })).toBeVisible();
  const today = londonIso(new Date());
  const todayLabel = dayLabel(today);
  const expiryLabel = dayLabel(addDays(today, 2));
  const oldBand = "More than 20 working days, past target";

  const before = {
    bank: await tableNumbers(page, "chart-status-bank"),
    weeks: await tableNumbers(page, "chart-failure-rate"),
    ages: await tableNumbers(page, "chart-voucher-ages"),
    expiry: await tableNumbers(page, "chart-voucher-expiry"),
    queue: await tableNumbers(page, "chart-queue"),
  };
  const { runLabel } = await seed(page);
  await page.reload();

  for (const id of CHARTS_BY_ROLE.ADMIN) {
    const svg = page.locator(`figure[data-chart="${id}"] svg.dashboard-chart`);
    await expect(svg).toHaveAttribute("role", "img");
    await expect(svg).toHaveAttribute("aria-label", /chart/);
    await screenshot(page, testInfo, id);
    await expectTableMatchesChart(page, id);
  }

  await expect(page.locator("figure[data-chart] style, figure[data-chart] [style]")).toHaveCount(0);
  expect(refused).toEqual([]);

  const after = {
    bank: await tableNumbers(page, "chart-status-bank"),
    weeks: await tableNumbers(page, "chart-failure-rate"),
    ages: await tableNumbers(page, "chart-voucher-ages"),
    expiry: await tableNumbers(page, "chart-voucher-expiry"),
    queue: await tableNumbers(page, "chart-queue"),
    reasons: await tableNumbers(page, "chart-failure-reasons"),
  };
  const delta = (a: Record<string, number>, b: Record<string, number>, key: string) => (a[key] ?? 0) - (b[key] ?? 0);
  // Today's bank payments: made, sent and failed, FAILED of each.
  for (const status of ["Waiting for run", "Sent", "Failed"])
    expect(delta(after.bank, before.bank, `${todayLabel}|${status}`), status).toBe(FAILED);
  // This week's failure rate counts them as sent and failed.
  const thisWeek = Object.keys(after.weeks)
    .filter((k) => k.endsWith("|Sent"))
    .sort((a, b) => Date.parse(a.split("|")[0]) - Date.parse(b.split("|")[0]))
    .at(-1)!
    .split("|")[0];
  expect(delta(after.weeks, before.weeks, `${thisWeek}|Sent`)).toBe(FAILED);
  expect(delta(after.weeks, before.weeks, `${thisWeek}|Failed`)).toBe(FAILED);
  // The reason is among the most common, as text: its markup never ran.
  expect(after.reasons[`${REASON}|Failed payments`]).toBe(FAILED);
  await expect(page.locator('figure[data-chart="chart-failure-reasons"] table')).toContainText(REASON);
  expect(await page.evaluate(() => (window as unknown as { __dashboardInjected?: boolean }).__dashboardInjected)).toBeUndefined();
  // Vouchers sent 10 days ago, last day to cash the day after tomorrow.
  expect(delta(after.ages, before.ages, "8 to 14 days|Vouchers")).toBe(VOUCHERS);
  expect(delta(after.expiry, before.expiry, `${expiryLabel}|Vouchers`)).toBe(VOUCHERS);
  // Claims received 45 days ago: past the target, in the oldest band.
  expect(delta(after.queue, before.queue, `${oldBand}|New`)).toBe(OLD_CLAIMS);
  // The failed run is named so, drawn as failed, with its own row in the table.
  const runBars = await bars(page, "chart-run-payments");
  expect(runBars.filter((b) => b.x === runLabel)).toEqual([{ x: runLabel, series: "Failed", value: 0 }]);
  await expect(page.locator('figure[data-chart="chart-run-totals"] tbody tr').filter({ hasText: runLabel })).toContainText(
    "Failed",
  );
});

test("each role sees the charts of its work; admins see them all", async ({ browser }) => {
  for (const role of Object.keys(CHARTS_BY_ROLE) as Role[]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInOverHttp(page.request, demoUser[role]);
    await page.goto("/dashboards");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboards" })).toBeVisible();
    const shown = await page.locator("figure[data-chart]").evaluateAll((fs) => fs.map((f) => f.getAttribute("data-chart")));
    expect(shown, role).toEqual(CHARTS_BY_ROLE[role]);
    await context.close();
  }
});

test("the dashboards pass the accessibility scan at 1280 and 320 px, tables open, no sideways scroll", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/dashboards");
  for (const summary of await page.getByText("Show the numbers as a table").all()) await summary.click();
  await scanAtCurrentWidth(page);
  await page.setViewportSize({ width: 320, height: 800 });
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(widths.scrollWidth, "/dashboards scrolls sideways at 320 px").toBeLessThanOrEqual(widths.clientWidth);
  // Each chart shrinks to the column.
  for (const box of await page.locator("svg.dashboard-chart").all())
    expect((await box.boundingBox())!.width).toBeLessThanOrEqual(320);
  await scanAtCurrentWidth(page);
});
