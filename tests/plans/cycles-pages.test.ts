// The read side of /payment-cycles and /payment-cycles/<id>: the cycle list and the periods an
// accountant may create, the payroll's search, filters and keyset pages, its summary by status and
// method, each payment's breakdown and the timeline.
import { describe, expect, it } from "vitest";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listCycleOptions } from "@/lib/plans/cycles/list-cycle-options";
import { listCycles } from "@/lib/plans/cycles/list-cycles";
import { listPayroll } from "@/lib/plans/cycles/list-payroll";
import { loadCycleHeader, loadCycleSummary } from "@/lib/plans/cycles/load-cycle-summary";
import { loadCycleTimeline } from "@/lib/plans/cycles/load-cycle-timeline";
import { loadPaymentLines } from "@/lib/plans/cycles/load-payment-lines";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { useTestDatabase } from "../support/test-db";
import { enrol, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

const RULE: CalculationRule = {
  baseAmountPence: 1000,
  conditionalAmounts: [
    {
      label: "Disability",
      conditions: [{ attribute: "Disabled", type: "YES_NO", operator: "=", value: true }],
      amountPence: 9000,
      countsTowardsCeiling: true,
    },
  ],
  ceilingPence: 5000,
  limitPence: 5500,
};

describe("the payment-cycle pages' queries", () => {
  it("list a cycle's payroll by reference, page by page, searched and filtered, with summary and breakdowns", async () => {
    const [maker, checker] = [await makeAccountant(db(), "Maker Person"), await makeAccountant(db(), "Checker Person")];
    const plan = await makePlan(db(), { rule: RULE, validFrom: "2026-01-01", validTo: "2026-12-31" });
    const people = await enrol(
      db(),
      plan.benefitPlan.id,
      Array.from({ length: 25 }, (_, i) => ({
        attributes: { Disabled: i < 3 },
        method: i % 5 === 0 ? ("CASH" as const) : ("BANK" as const),
        lastName: i === 7 ? "Lovelace" : `Person${i}`,
      })),
    );
    expect((await listCycleOptions(db())).find((o) => o.planId === plan.paymentPlan.id)?.periods.map((p) => p.start)).toEqual([
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
    ]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    expect((await listCycleOptions(db())).find((o) => o.planId === plan.paymentPlan.id)?.periods.map((p) => p.start)).toEqual([
      "2026-12-01",
    ]);

    // Three pages of 10, forwards then back.
    const page1 = await listPayroll(db(), { cycleId, params: {}, pageSize: 10 });
    const page2 = await listPayroll(db(), { cycleId, params: { after: page1.next }, pageSize: 10 });
    const page3 = await listPayroll(db(), { cycleId, params: { after: page2.next }, pageSize: 10 });
    const all = [...page1.rows, ...page2.rows, ...page3.rows].map((r) => r.reference);
    expect(all).toEqual(people.map((p) => `${p.reference}-202611`).sort());
    expect([page1.previous, page3.next, page3.rows.length]).toEqual([undefined, undefined, 5]);
    const back = await listPayroll(db(), { cycleId, params: { before: page3.previous }, pageSize: 10 });
    expect(back.rows.map((r) => r.reference)).toEqual(page2.rows.map((r) => r.reference));

    const byName = await listPayroll(db(), { cycleId, params: { q: "ada love" }, pageSize: 10 });
    expect(byName.rows.map((r) => r.personName)).toEqual(["Ada Lovelace"]);
    const byRef = await listPayroll(db(), { cycleId, params: { q: people[4].reference.toLowerCase() }, pageSize: 10 });
    expect(byRef.rows.map((r) => r.reference)).toEqual([`${people[4].reference}-202611`]);
    const suspended = await listPayroll(db(), { cycleId, params: { status: "SUSPENDED" }, pageSize: 10 });
    expect(suspended.rows).toHaveLength(3);
    const cash = await listPayroll(db(), { cycleId, params: { method: "CASH", status: "DRAFT" }, pageSize: 10 });
    expect(cash.rows).toHaveLength(4);
    expect(await listPayroll(db(), { cycleId, params: { q: "100%_" }, pageSize: 10 })).toEqual({ rows: [] });

    const lines = await loadPaymentLines(db(), [suspended.rows[0].id]);
    expect(lines.get(suspended.rows[0].id)!.map((l) => [l.kind, l.amountPence])).toEqual([
      ["BASE", 1000],
      ["CONDITIONAL", 9000],
      ["CEILING", -4000],
    ]);

    expect(await loadCycleSummary(db(), cycleId)).toEqual({
      payments: 25,
      totalPence: 22 * 1000 + 3 * 6000,
      suspended: 3,
      suspendedPence: 18_000,
      byStatus: [
        { status: "DRAFT", payments: 22, totalPence: 22_000 },
        { status: "SUSPENDED", payments: 3, totalPence: 18_000 },
      ],
      byMethod: [
        { method: "BANK", payments: 20, totalPence: 18 * 1000 + 2 * 6000 },
        { method: "CASH", payments: 5, totalPence: 4 * 1000 + 6000 },
      ],
    });
    expect(await loadCycleHeader(db(), cycleId)).toMatchObject({
      status: "PENDING_APPROVAL",
      planVersion: 1,
      periodStart: "2026-11-01",
      periodEnd: "2026-11-30",
      createdByName: "Maker Person",
      decidedByName: null,
    });

    await expect(approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const timeline = await loadCycleTimeline(db(), cycleId);
    expect(timeline.map((e) => [e.kind, e.actorName])).toEqual([["cycle.created", "Maker Person"]]);

    const listed = (await listCycles(db())).find((c) => c.id === cycleId);
    expect(listed).toMatchObject({
      payments: 25,
      totalPence: 40_000,
      suspended: 3,
      status: "PENDING_APPROVAL",
      createdByName: "Maker Person",
    });
  });
});
