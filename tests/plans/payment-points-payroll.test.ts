// Payment points in a cycle's payroll (docs/payment-points.md#the-payroll): each payment is given the
// first point by position whose filters hold for the attributes it was priced on, in the payroll's
// own INSERT (the statements do not grow with the beneficiaries); a point changed later leaves built
// payrolls alone until one is rebuilt; the payroll filters by point; the cycle lists its overlaps;
// a point's payroll is counted and totalled.
import { beforeAll, describe, expect, it } from "vitest";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listPayroll } from "@/lib/plans/cycles/list-payroll";
import { rebuildPayroll } from "@/lib/plans/cycles/rebuild-payroll";
import { rejectCycle } from "@/lib/plans/cycles/reject-cycle";
import { listCycleOverlaps } from "@/lib/plans/payment-points/list-cycle-overlaps";
import { listPointCycles, loadPointPayrollSummary } from "@/lib/plans/payment-points/point-payroll";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { countStatements } from "../support/count-statements";
import { useTestDatabase } from "../support/test-db";
import { enrol, makeAccountant, makePlan, type Enrolled } from "./cycles-support";
import { makePoint } from "./payment-points-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

const NORTH: Condition = { attribute: "Region", type: "TEXT", operator: "=", value: "North" };
const LARGE: Condition = { attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 };

const pointsOf = async (cycleId: string) => {
  const payments = await db().payment.findMany({ where: { cycleId }, include: { paymentPoint: true, person: true } });
  return Object.fromEntries(payments.map((p) => [p.person.lastName, p.paymentPoint?.name ?? null]));
};

let plan: Awaited<ReturnType<typeof makePlan>>;
let people: Enrolled[];
let points: { north: string; large: string };

beforeAll(async () => {
  plan = await makePlan(db(), { validFrom: "2026-01-01" });
  // Listed out of position order: position decides.
  points = {
    large: (await makePoint(db(), { benefitPlanId: plan.benefitPlan.id, name: "Large", position: 2, filters: [LARGE] })).id,
    north: (await makePoint(db(), { benefitPlanId: plan.benefitPlan.id, name: "North", position: 1, filters: [NORTH] })).id,
  };
  people = await enrol(db(), plan.benefitPlan.id, [
    { lastName: "NorthLarge", attributes: { Region: "north", "Household size": 4 } },
    { lastName: "SouthLarge", attributes: { Region: "South", "Household size": 3 } },
    { lastName: "NorthSmall", attributes: { Region: "NORTH", "Household size": 1 } },
    { lastName: "SouthSmall", attributes: { Region: "South", "Household size": 2 } },
    // Missing values match no filter.
    { lastName: "Unknown", attributes: { "Household size": "4" } },
    // Enrolled mid-period with a later change of values: priced (and pointed) on the values of its first day.
    {
      lastName: "Later",
      enrolledFrom: "2026-11-10",
      attributeSets: [
        { effectiveFrom: "2026-11-10", values: { "Household size": 5 } },
        { effectiveFrom: "2026-11-20", values: { Region: "North" } },
      ],
    },
  ]);
});

describe("payment points in the payroll", () => {
  let cycleId: string;

  it("gives each payment the first point by position whose filters hold, or none", async () => {
    const maker = await makeAccountant(db());
    ({ cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    }));
    expect(await pointsOf(cycleId)).toEqual({
      NorthLarge: "North",
      SouthLarge: "Large",
      NorthSmall: "North",
      SouthSmall: null,
      Unknown: null,
      Later: "Large",
    });
  });

  it("filters the payroll by point, or by no point, and names each payment's point", async () => {
    const names = async (point: string) =>
      (await listPayroll(db(), { cycleId, params: { point }, pageSize: 50 })).rows.map((r) => [r.personName, r.pointName]);
    expect(await names(points.north)).toEqual(
      expect.arrayContaining([
        ["Ada NorthLarge", "North"],
        ["Ada NorthSmall", "North"],
      ]),
    );
    expect(await names(points.north)).toHaveLength(2);
    expect((await names("none")).map(([name]) => name).sort()).toEqual(["Ada SouthSmall", "Ada Unknown"]);
  });

  it("counts and totals a point's payments, and offers the benefit plan's cycles", async () => {
    expect(await loadPointPayrollSummary(db(), { cycleId, pointId: points.large })).toEqual({
      payments: 2,
      totalPence: 10_000,
      byStatus: [{ status: "DRAFT", payments: 2, totalPence: 10_000 }],
    });
    expect((await listPointCycles(db(), plan.benefitPlan.id)).map((c) => c.id)).toEqual([cycleId]);
  });

  it("lists the cycle's overlaps with the point each payment went to", async () => {
    expect(await listCycleOverlaps(db(), { cycleId, limit: 10 })).toEqual({
      points: 2,
      count: 1,
      rows: [
        {
          paymentReference: `${people[0].reference}-202611`,
          personReference: people[0].reference,
          personName: "Ada NorthLarge",
          pointName: "North",
          matching: ["North", "Large"],
        },
      ],
    });
  });

  it("leaves a built payroll alone when points change, and a rebuild uses them as they are then", async () => {
    // The large-household point now comes first.
    await db().paymentPoint.update({ where: { id: points.north }, data: { position: 3 } });
    await db().paymentPoint.update({ where: { id: points.large }, data: { position: 1 } });
    const before = await pointsOf(cycleId);
    expect(before.NorthLarge).toBe("North");

    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    await rejectCycle({ db: db(), cycleId, expectedVersion: 0, reason: "Points changed", actor: checker, now: NOW });
    const state = await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } });
    await rebuildPayroll({ db: db(), cycleId, expectedVersion: state.version, actor: maker, now: NOW });
    expect(await pointsOf(cycleId)).toEqual({ ...before, NorthLarge: "Large" });
  });

  it("assigns points in the payroll's own statements, as many for 300 beneficiaries as for 30", async () => {
    const counted = async (n: number) => {
      const other = await makePlan(db(), { validFrom: "2026-01-01" });
      for (const [i, filters] of [[NORTH], [LARGE], []].entries()) {
        await makePoint(db(), { benefitPlanId: other.benefitPlan.id, name: `P${i}`, position: i + 1, filters });
      }
      await enrol(
        db(),
        other.benefitPlan.id,
        Array.from({ length: n }, (_, i) => ({ attributes: { Region: i % 2 ? "North" : "South", "Household size": i % 5 } })),
      );
      const maker = await makeAccountant(db());
      const { result, statements } = await countStatements(() =>
        createCycle({ db: db(), paymentPlanId: other.paymentPlan.id, periodStart: "2026-11-01", actor: maker, now: NOW }),
      );
      const [split] = await db().$queryRaw<{ pointed: number; unpointed: number }[]>`
        SELECT count(*) FILTER (WHERE "paymentPointId" IS NOT NULL)::int AS pointed,
               count(*) FILTER (WHERE "paymentPointId" IS NULL)::int AS unpointed
        FROM "Payment" WHERE "cycleId" = ${result.cycleId}::uuid`;
      // The last point has no filters: it takes everyone else.
      expect(split).toEqual({ pointed: n, unpointed: 0 });
      return statements;
    };
    expect(await counted(300)).toBe(await counted(30));
  });
});
