// GET /api/payment-cycles/<id>/payroll.csv (docs/payroll-review.md#csv-export): the exact bytes for
// a small cycle (golden), cells a spreadsheet would run made safe, one point's payments for the
// point's manager whatever their role and for nobody else of that role, every export audited, and a
// payroll longer than one read batch streamed whole in reference order. Also the summary by point.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { loadPayrollSummary } from "@/lib/plans/cycles/load-cycle-summary";
import { EXPORT_BATCH } from "@/lib/plans/cycles/payroll-export/open-payroll-export";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { enrol, makeAccountant, makePlan } from "./cycles-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const NOW = new Date("2026-11-20T10:00:00Z");
const NO_SUCH_ID = "5b0e6c1a-2f3d-4e4f-8a9b-1c2d3e4f5a6b";
const GOLDEN = path.resolve(import.meta.dirname, "../../lib/plans/cycles/payroll-export/fixtures/golden-cycle-payroll.csv");

/** £50; +£20 for a household of 3 or more; above £60 suspended. */
const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: null,
  limitPence: 6000,
};

type Get = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let GET: Get;
let cycleId: string;
let north: { id: string };
let manager: CurrentUser;
let otherCaseworker: CurrentUser;
let accountant: CurrentUser;
/** Payment references to their UUIDs, which the golden file names by reference. */
let ids: Map<string, string>;

const staff = (u: { id: string; email: string; name: string; role: Role }): CurrentUser => ({ ...u, mustChangePassword: false });

async function download(user: CurrentUser | null, query = "", id = cycleId) {
  signedIn = user;
  return GET(new Request(`http://test/api/payment-cycles/${id}/payroll.csv${query}`), { params: Promise.resolve({ id }) });
}

/** The body with each payment's UUID put back as `<uuid of REFERENCE>`, the golden file's placeholders. */
function withPlaceholders(text: string): string {
  let out = text;
  for (const [reference, id] of ids) out = out.replaceAll(id, `<uuid of ${reference}>`);
  return out;
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
    () => import("@/app/api/payment-cycles/[id]/payroll.csv/route"),
  )) as { GET: Get });

  const maker = await makeAccountant(db(), "Maker Person");
  accountant = staff({ ...(await makeUser(db(), { role: "ACCOUNTANT" })), role: "ACCOUNTANT" });
  manager = staff({ ...(await makeUser(db(), { role: "CASEWORKER", name: "Point Manager" })), role: "CASEWORKER" });
  otherCaseworker = staff({ ...(await makeUser(db(), { role: "CASEWORKER" })), role: "CASEWORKER" });

  const plan = await makePlan(db(), { rule: RULE, attributes: [{ name: "Household size", type: "NUMBER" }] });
  await db().paymentPlan.update({ where: { id: plan.paymentPlan.id }, data: { code: "WINTER-26" } });
  const people = await enrol(db(), plan.benefitPlan.id, [
    { lastName: "Lovelace", attributes: { "Household size": 2 } },
    { lastName: "Smith", attributes: { "Household size": 4 }, method: "CASH" },
    { lastName: 'O\'Brien, "Jr"', attributes: { "Household size": 1 } },
    { lastName: "Hopper", attributes: { "Household size": 3 } },
  ]);
  // Fixed person references, so the golden file can name them; first names a spreadsheet would run.
  const firstNames = ["Ada", '=HYPERLINK("http://evil.test","Click")', "Ada", "+Grace"];
  for (const [i, reference] of ["7KQ2M9X", "8LR3N4Y", "9MS4P5Z", "4HJ6T2W"].entries()) {
    await db().claimant.update({ where: { id: people[i].personId }, data: { reference, firstName: firstNames[i] } });
  }
  north = await db().paymentPoint.create({
    data: { benefitPlanId: plan.benefitPlan.id, name: "North depot", position: 1, managerId: manager.id, createdById: maker.id },
  });
  const south = await db().paymentPoint.create({
    data: { benefitPlanId: plan.benefitPlan.id, name: "@South depot", position: 2, createdById: maker.id },
  });
  ({ cycleId } = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-11-01",
    actor: maker,
    now: NOW,
  }));
  // The points the build would fix, set directly (the build's own assignment is another test's).
  await db().$executeRaw`
    UPDATE "Payment" p SET "paymentPointId" = CASE c.reference WHEN '7KQ2M9X' THEN ${north.id}::uuid
                                                               WHEN '8LR3N4Y' THEN ${north.id}::uuid
                                                               WHEN '4HJ6T2W' THEN ${south.id}::uuid END
    FROM "Claimant" c WHERE c.id = p."personId" AND p."cycleId" = ${cycleId}::uuid`;
  ids = new Map(
    (await db().payment.findMany({ where: { cycleId }, select: { id: true, reference: true } })).map((p) => [p.reference, p.id]),
  );
});

describe("the payroll CSV", () => {
  it("is the golden file byte for byte, formula-safe, with no bank details", async () => {
    const response = await download(accountant);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="payroll-WINTER-26-2026-11.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(withPlaceholders(bytes.toString("utf8"))).toBe(readFileSync(GOLDEN, "utf8"));
    // Nothing a spreadsheet would run: every cell starting = + - @ is quoted behind a '.
    const text = bytes.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"") Smith"`);
    expect(text).toContain(`"'+Grace Hopper"`);
    expect(text).toContain(`"'@South depot"`);
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    expect(text.split("\n")[0]).not.toMatch(/bank|sort code|account/i);

    const audit = await db().auditLog.findMany({ where: { entityId: cycleId, action: "cycle.payroll-exported" } });
    expect(audit.map((a) => [a.actorId, a.after])).toEqual([[accountant.id, { point: null, rows: 4 }]]);
  });

  it("gives a point's manager their point's payments, whatever their role, and nobody else of that role", async () => {
    const response = await download(manager, `?point=${north.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('filename="payroll-WINTER-26-2026-11-North-depot.csv"');
    const lines = (await response.text()).trim().split("\n");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["7KQ2M9X-202611", "8LR3N4Y-202611"]);
    const audit = await db().auditLog.findFirst({ where: { entityId: cycleId, actorId: manager.id } });
    expect(audit).toMatchObject({
      action: "cycle.payroll-exported",
      after: { point: { id: north.id, name: "North depot" }, rows: 2 },
    });

    const refused = async (user: CurrentUser | null, query: string, id?: string) => {
      const r = await download(user, query, id);
      return [r.status, (await r.json()).error];
    };
    const forbidden = [403, "You do not have permission to do this"];
    expect(await refused(otherCaseworker, `?point=${north.id}`)).toEqual(forbidden);
    expect(await refused(manager, "")).toEqual(forbidden);
    expect(await refused(manager, "?point=none")).toEqual(forbidden);
    expect(await refused(manager, "?point=not-a-uuid")).toEqual(forbidden);
    // Another cycle's or an unknown point: the manager learns nothing; an accountant is told it is not there.
    expect(await refused(manager, `?point=${north.id}`, NO_SUCH_ID)).toEqual(forbidden);
    expect(await refused(accountant, `?point=${NO_SUCH_ID}`)).toEqual([404, "There is no such payment point in this cycle"]);
    expect(await refused(accountant, "", NO_SUCH_ID)).toEqual([404, "There is no such payment cycle"]);
    expect(await refused(null, `?point=${north.id}`)).toEqual([401, "Sign in required"]);
    expect(await refused(null, "")).toEqual([401, "Sign in required"]);
    expect(await db().auditLog.count({ where: { action: "cycle.payroll-exported" } })).toBe(2);
  });

  it("gives the payments of no point, and lets plan managers and admins export too", async () => {
    const planManager = staff({ ...(await makeUser(db(), { role: "PLAN_MANAGER" })), role: "PLAN_MANAGER" });
    const response = await download(planManager, "?point=none");
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\n");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["9MS4P5Z-202611"]);
    const admin = staff({ ...(await makeUser(db(), { role: "ADMIN" })), role: "ADMIN" });
    expect((await download(admin)).status).toBe(200);
  });

  it("is summarised by point, with the payments of no point last", async () => {
    const summary = await loadPayrollSummary(db(), cycleId);
    expect(summary.byPoint).toEqual([
      {
        pointId: north.id,
        name: "North depot",
        managerId: manager.id,
        payments: 2,
        totalPence: 12_000,
        suspended: 1,
        suspendedPence: 7000,
      },
      expect.objectContaining({ name: "@South depot", payments: 1, totalPence: 7000, suspended: 1 }),
      { pointId: null, name: "No point", managerId: null, payments: 1, totalPence: 5000, suspended: 0, suspendedPence: 0 },
    ]);
    expect(summary).toMatchObject({ payments: 4, totalPence: 24_000, suspended: 2, suspendedPence: 14_000 });
  });

  it("streams a payroll longer than one read batch whole, in reference order", async () => {
    const maker = await makeAccountant(db());
    const plan = await makePlan(db());
    await enrol(
      db(),
      plan.benefitPlan.id,
      Array.from({ length: EXPORT_BATCH + 150 }, () => ({})),
    );
    const big = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    const response = await download(accountant, "", big.cycleId);
    const references = (await response.text())
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]);
    expect(references).toHaveLength(EXPORT_BATCH + 150);
    expect(references).toEqual([...references].sort());
    expect(new Set(references).size).toBe(references.length);
  });
});
