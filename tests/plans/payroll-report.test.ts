// GET /api/payment-cycles/<id>/payroll.pdf (docs/payroll-review.md#pdf-report): the approved
// payroll's report, its text read back with pdftotext (poppler-utils) against a golden file; refused
// before approval with the reason; the roles that see cycles only; audited; and a payroll longer
// than one read batch printed whole, point by point.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { openPayrollReport, REPORT_BATCH } from "@/lib/plans/cycles/payroll-report/open-payroll-report";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const PDFTOTEXT = "/usr/bin/pdftotext";
const canRead = existsSync(PDFTOTEXT);
if (!canRead) console.warn(`Skipping the report text tests: ${PDFTOTEXT} is missing (apt-get install -y poppler-utils).`);

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const NOW = new Date("2026-11-20T10:05:00Z");
const PRINTED = new Date("2026-11-21T09:30:00Z");
const GOLDEN = path.resolve(import.meta.dirname, "../../lib/plans/cycles/payroll-report/fixtures/golden-payroll-report.txt");
const dir = mkdtempSync(path.join(tmpdir(), "disburse-payroll-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** £50; +£20 for a household of 3 or more; +£30 more for 5 or more, above the £80 limit. */
const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2000,
      countsTowardsCeiling: false,
    },
    {
      label: "Very large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 5 }],
      amountPence: 3000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: null,
  limitPence: 8000,
};

type Get = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let GET: Get;
let approvedId: string;
let pendingId: string;
let accountant: CurrentUser;

const staff = (u: { id: string; email: string; name: string }, role: Role): CurrentUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role,
  mustChangePassword: false,
});

async function get(user: CurrentUser | null, id: string) {
  signedIn = user;
  return GET(new Request(`http://test/api/payment-cycles/${id}/payroll.pdf`), { params: Promise.resolve({ id }) });
}

/** pdftotext's reading of the PDF, each line's spacing collapsed, blank lines dropped. */
function pdfText(bytes: Uint8Array): string[] {
  const file = path.join(dir, `${randomBytes(4).toString("hex")}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync(PDFTOTEXT, ["-layout", file, "-"], { encoding: "utf8" });
  return text
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

beforeAll(async () => {
  ({ GET } = (await freshRoutes(
    {
      DATABASE_URL: url(),
      DISBURSE_MODE: "production",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    },
    () => import("@/app/api/payment-cycles/[id]/payroll.pdf/route"),
  )) as { GET: Get });

  const maker = await makeAccountant(db(), "Maker Person");
  const checker = await makeAccountant(db(), "Checker Person");
  accountant = staff(await makeUser(db(), { role: "ACCOUNTANT" }), "ACCOUNTANT");
  const plan = await makePlan(db(), { rule: RULE, attributes: [{ name: "Household size", type: "NUMBER" }] });
  await db().paymentPlan.update({ where: { id: plan.paymentPlan.id }, data: { code: "WINTER-26", name: "Winter fuel help" } });
  await db().benefitPlan.update({ where: { id: plan.benefitPlan.id }, data: { name: "Winter support" } });
  const people = await enrol(db(), plan.benefitPlan.id, [
    { lastName: "Lovelace", attributes: { "Household size": 2 } },
    { lastName: "Ångström", attributes: { "Household size": 4 }, method: "CASH" },
    { lastName: "O'Brien", attributes: { "Household size": 1 } },
    { lastName: "Hopper", attributes: { "Household size": 3 } },
    { lastName: "Rejected", attributes: { "Household size": 6 } },
  ]);
  for (const [i, reference] of ["7KQ2M9X", "8LR3N4Y", "9MS4P5Z", "4HJ6T2W", "3GF5R1V"].entries()) {
    await db().claimant.update({ where: { id: people[i].personId }, data: { reference } });
  }
  const point = (name: string, position: number) =>
    db().paymentPoint.create({ data: { benefitPlanId: plan.benefitPlan.id, name, position, createdById: maker.id } });
  const [north, south] = [await point("North depot", 1), await point("South depot", 2)];

  const created = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-11-01",
    actor: maker,
    now: NOW,
  });
  approvedId = created.cycleId;
  await db().$executeRaw`
    UPDATE "Payment" p SET "paymentPointId" = CASE c.reference WHEN '7KQ2M9X' THEN ${north.id}::uuid
                                                               WHEN '8LR3N4Y' THEN ${north.id}::uuid
                                                               WHEN '4HJ6T2W' THEN ${south.id}::uuid
                                                               WHEN '3GF5R1V' THEN ${south.id}::uuid END
    FROM "Claimant" c WHERE c.id = p."personId" AND p."cycleId" = ${approvedId}::uuid`;
  // A rejected suspended payment was never part of the approved payroll: the report leaves it out.
  await decideSuspendedPayments({
    db: db(),
    cycleId: approvedId,
    paymentIds: [(await cyclePayments(db(), approvedId)).get(people[4].personId)!.id],
    decision: "REJECT",
    note: "Household size not shown",
    actor: maker,
    now: NOW,
  });
  await approveCycle({ db: db(), cycleId: approvedId, expectedVersion: 1, actor: checker, now: NOW });
  pendingId = (
    await createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart: "2026-12-01", actor: maker, now: NOW })
  ).cycleId;
});

describe("the approved payroll's PDF report", () => {
  it.skipIf(!canRead)(
    "reads as the golden text: the cycle, its approval, totals by method and point, payments by point",
    async () => {
      const report = await openPayrollReport(db(), { cycleId: approvedId, actor: accountant, now: PRINTED });
      expect(report!.fileName).toBe("payroll-WINTER-26-2026-11.pdf");
      const lines = pdfText(await collect(report!.chunks));
      expect(lines.join("\n") + "\n").toBe(readFileSync(GOLDEN, "utf8"));
    },
  );

  it("is refused before the cycle is approved, saying why", async () => {
    const response = await get(accountant, pendingId);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: "The payroll report is made once the cycle is approved; this cycle is waiting for approval.",
    });
  });

  it("is for the roles that see cycles, and audited", async () => {
    const planManager = staff(await makeUser(db(), { role: "PLAN_MANAGER" }), "PLAN_MANAGER");
    const response = await get(planManager, approvedId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="payroll-WINTER-26-2026-11.pdf"');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const audit = await db().auditLog.findFirst({ where: { actorId: planManager.id, action: "cycle.payroll-report-printed" } });
    expect(audit).toMatchObject({ entityId: approvedId, after: { payments: 4, totalPence: 24_000 } });

    const caseworker = staff(await makeUser(db(), { role: "CASEWORKER" }), "CASEWORKER");
    expect((await get(caseworker, approvedId)).status).toBe(403);
    expect((await get(null, approvedId)).status).toBe(401);
    expect((await get(accountant, "5b0e6c1a-2f3d-4e4f-8a9b-1c2d3e4f5a6b")).status).toBe(404);
    expect((await get(accountant, "not-a-cycle")).status).toBe(404);
  });

  it.skipIf(!canRead)("prints a payroll longer than one read batch whole, in order", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db());
    await enrol(
      db(),
      plan.benefitPlan.id,
      Array.from({ length: REPORT_BATCH + 60 }, () => ({})),
    );
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    await approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW });
    const report = await openPayrollReport(db(), { cycleId, actor: accountant, now: PRINTED });
    const references = pdfText(await collect(report!.chunks))
      .map((l) => /^([0-9A-Z]{7}-202611) /.exec(l)?.[1])
      .filter((r) => r !== undefined);
    const expected = (await db().payment.findMany({ where: { cycleId }, select: { reference: true } }))
      .map((p) => p.reference)
      .sort();
    expect(references).toEqual(expected);
  });
});
