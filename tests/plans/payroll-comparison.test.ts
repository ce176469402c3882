// A payroll against the previous cycle's (docs/payroll-review.md#against-the-previous-cycle): a
// crafted pair of cycles where people join, leave, go up, go down or stay the same, with a rejected
// suspended payment, a failed one and a Post-Office-cancelled one carried over. The SQL's counts and
// totals equal the pure rule's (compare-payrolls.ts) on the same payments, and the changed people
// page by person reference, filtered.
import { describe, expect, it } from "vitest";
import { POST_OFFICE_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { compareCycle, findPreviousCycle, listChanges, type ChangeRow } from "@/lib/plans/cycles/compare-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { comparePayrolls, type PayrollSide } from "@/lib/plans/cycles/rules/compare-payrolls";
import type { ComparisonParams } from "@/lib/plans/cycles/rules/comparison-params";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

const household = (size: number) => ({ "Household size": size });

/** £50; +£20 for a household of 3 or more; +£30 more for 5 or more, which is above the £80 limit. */
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

/** Each person's payment in a cycle as the pure rule takes it. */
async function sides(cycleId: string): Promise<Map<string, PayrollSide>> {
  const payments = await cyclePayments(db(), cycleId);
  const sent = new Set(
    (await db().payment.findMany({ where: { cycleId, sentAt: { not: null } }, select: { id: true } })).map((p) => p.id),
  );
  return new Map(
    [...payments.values()].map((p) => {
      const carried = p.lines.filter((l) => l.kind === "CARRIED_OVER").reduce((n, l) => n + l.amountPence, 0);
      return [
        p.personId,
        { status: p.status, sent: sent.has(p.id), periodPence: p.amountPence - carried, carriedPence: carried },
      ];
    }),
  );
}

describe("a payroll against the previous cycle's", () => {
  it("counts who joined, left or changed, and by how much, as the pure rule does", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db(), {
      rule: RULE,
      attributes: [{ name: "Household size", type: "NUMBER" }],
      carryOverUnpaid: true,
    });
    const November = "2026-11-01";
    const people = await enrol(db(), plan.benefitPlan.id, [
      { lastName: "Steady", attributes: household(1) },
      {
        lastName: "Grows",
        attributeSets: [
          { effectiveFrom: "2025-06-01", values: household(1) },
          { effectiveFrom: November, values: household(3) },
        ],
      },
      {
        lastName: "Shrinks",
        attributeSets: [
          { effectiveFrom: "2025-06-01", values: household(3) },
          { effectiveFrom: November, values: household(1) },
        ],
      },
      { lastName: "Leaves", attributes: household(1), enrolledTo: "2026-10-31" },
      { lastName: "Joins", attributes: household(3), enrolledFrom: November },
      { lastName: "Failed", attributes: household(1) },
      { lastName: "Rejected", attributes: household(5) },
      { lastName: "Voided", attributes: household(1), method: "CASH" },
    ]);
    const person = Object.fromEntries(people.map((p) => [p.lastName, p]));
    const create = (periodStart: string) =>
      createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart, actor: maker, now: NOW });

    const october = await create("2026-10-01");
    const octoberPayments = await cyclePayments(db(), october.cycleId);
    await decideSuspendedPayments({
      db: db(),
      cycleId: october.cycleId,
      paymentIds: [octoberPayments.get(person.Rejected.personId)!.id],
      decision: "REJECT",
      note: "Household size not shown",
      actor: maker,
      now: NOW,
    });
    await approveCycle({ db: db(), cycleId: october.cycleId, expectedVersion: 1, actor: checker, now: NOW });
    const outcome = (lastName: string, data: Record<string, unknown>) =>
      forcePaymentUpdate(db(), { where: { id: octoberPayments.get(person[lastName].personId)!.id }, data });
    await outcome("Failed", { status: "FAILED", failureReason: "Account closed", sentAt: NOW });
    await outcome("Voided", { status: "CANCELLED", cancelReason: POST_OFFICE_CANCEL_REASON, sentAt: NOW });
    const november = await create(November);

    expect(await findPreviousCycle(db(), october.cycleId)).toBeNull();
    expect(await findPreviousCycle(db(), november.cycleId)).toMatchObject({
      id: october.cycleId,
      periodStart: "2026-10-01",
      periodEnd: "2026-10-31",
      status: "APPROVED",
    });

    const comparison = await compareCycle(db(), { cycleId: november.cycleId, previousId: october.cycleId });
    const [before, after] = [await sides(october.cycleId), await sides(november.cycleId)];
    const everyone = new Set([...before.keys(), ...after.keys()]);
    expect(comparison).toEqual(
      comparePayrolls([...everyone].map((id) => ({ previous: before.get(id) ?? null, current: after.get(id) ?? null }))),
    );
    const { groups } = comparison;
    expect(Object.fromEntries(Object.values(groups).map((g) => [g.kind, [g.people, g.currentPence - g.previousPence]]))).toEqual({
      JOINED: [2, 7000 + 10_000],
      LEFT: [1, -5000],
      UP: [1, 2000],
      DOWN: [1, -2000],
      UNCHANGED: [3, 0],
      CARRIED_ONLY: [0, 0],
    });
    expect(comparison).toMatchObject({
      previousPence: 6 * 5000 + 2000,
      currentPence: 44_000,
      netPence: 12_000,
      previousCarriedPence: 0,
      currentCarriedPence: 10_000,
    });
    expect(groups.UNCHANGED.currentCarriedPence).toBe(10_000);

    // The changed people, two to a page, by person reference; then each filter.
    const page = (params: ComparisonParams) =>
      listChanges(db(), { cycleId: november.cycleId, previousId: october.cycleId, params, pageSize: 2 });
    const shown: ChangeRow[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const current = await page({ after: next });
      shown.push(...current.rows);
      next = current.next;
      pages += 1;
    } while (next);
    expect(pages).toBe(3);
    const changed = ["Joins", "Rejected", "Leaves", "Grows", "Shrinks"]
      .map((n) => person[n])
      .sort((a, b) => (a.reference < b.reference ? -1 : 1));
    expect(shown.map((r) => r.personReference)).toEqual(changed.map((p) => p.reference));
    const back = await page({ before: shown[4].personReference });
    expect(back.rows.map((r) => r.personReference)).toEqual(shown.slice(2, 4).map((r) => r.personReference));

    const byName = Object.fromEntries(shown.map((r) => [r.personName, r]));
    expect(byName["Ada Rejected"]).toMatchObject({
      kind: "JOINED",
      previousPence: 0,
      currentPence: 10_000,
      changePence: 10_000,
      previousReference: null,
    });
    expect(byName["Ada Leaves"]).toMatchObject({ kind: "LEFT", previousPence: 5000, currentPence: 0, currentReference: null });
    expect(byName["Ada Grows"]).toMatchObject({ kind: "UP", previousPence: 5000, currentPence: 7000, changePence: 2000 });
    expect(byName["Ada Shrinks"]).toMatchObject({ kind: "DOWN", changePence: -2000 });

    const names = async (params: ComparisonParams) => (await page(params)).rows.map((r) => r.personName).sort();
    expect(await names({ changes: "left" })).toEqual(["Ada Leaves"]);
    expect(await names({ changes: "changed" })).toEqual(["Ada Grows", "Ada Shrinks"]);
    expect(await names({ changes: "joined" })).toEqual(["Ada Joins", "Ada Rejected"]);
  });
});
