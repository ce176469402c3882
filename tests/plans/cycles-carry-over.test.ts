// A plan that carries unpaid money over: when its next cycle is created, the earlier cycles' FAILED,
// EXPIRED and Post-Office-CANCELLED payments become a CARRIED_OVER line of the person's new payment
// and move to CARRIED_OVER, so the money is paid exactly once. A suspended payment an accountant
// rejected, a paid one, and one already carried are never carried (again); a rebuild keeps what a
// payment carries.
import { describe, expect, it } from "vitest";
import { POST_OFFICE_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { rebuildPayroll } from "@/lib/plans/cycles/rebuild-payroll";
import { rejectCycle } from "@/lib/plans/cycles/reject-cycle";
import { CARRIED_OVER_LINE_LABEL } from "@/lib/plans/rules/calculate-payment";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

/** £50, or £90 (above the £60 limit) for a household of 3 or more. */
const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 4000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: null,
  limitPence: 6000,
};

describe("carrying unpaid money over", () => {
  it("carries FAILED, EXPIRED and Post-Office-CANCELLED payments into the next cycle once, and nothing else", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db(), { rule: RULE, carryOverUnpaid: true });
    const [failed, expired, poCancelled, paid, rejected, leftPlan] = await enrol(db(), plan.benefitPlan.id, [
      {},
      { method: "CASH" },
      { method: "CASH" },
      {},
      { attributes: { "Household size": 4 } },
      {},
    ]);
    const create = (periodStart: string) =>
      createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart, actor: maker, now: NOW });

    const november = await create("2026-11-01");
    let payments = await cyclePayments(db(), november.cycleId);
    await decideSuspendedPayments({
      db: db(),
      cycleId: november.cycleId,
      paymentIds: [payments.get(rejected.personId)!.id],
      decision: "REJECT",
      note: "Not eligible",
      actor: maker,
      now: NOW,
    });
    await approveCycle({ db: db(), cycleId: november.cycleId, expectedVersion: 1, actor: checker, now: NOW });
    // What the bank and the Post Office then said, as the runs and uploads would record it.
    const outcome = async (person: { personId: string }, data: Record<string, unknown>) =>
      forcePaymentUpdate(db(), { where: { id: payments.get(person.personId)!.id }, data });
    await outcome(failed, { status: "FAILED", failureReason: "Account closed" });
    await outcome(expired, { status: "EXPIRED", postOfficeStatusDate: new Date("2026-12-20T00:00:00Z") });
    await outcome(poCancelled, { status: "CANCELLED", cancelReason: POST_OFFICE_CANCEL_REASON });
    await outcome(paid, { status: "PAID" });
    await outcome(leftPlan, { status: "FAILED", failureReason: "Account closed" });
    await db().enrolment.updateMany({
      where: { personId: leftPlan.personId },
      data: { enrolledTo: new Date("2026-11-30T00:00:00Z") },
    });
    const november2 = await cyclePayments(db(), november.cycleId);

    const december = await create("2026-12-01");
    expect(december.totals).toMatchObject({ payments: 5, carriedOver: 3 });
    payments = await cyclePayments(db(), december.cycleId);
    for (const person of [failed, expired, poCancelled]) {
      const earlier = november2.get(person.personId)!;
      const now = payments.get(person.personId)!;
      expect(now).toMatchObject({ status: "DRAFT", amountPence: 5000 + earlier.amountPence });
      expect(now.lines.map((l) => [l.kind, l.amountPence, l.carriedFromPaymentId])).toEqual([
        ["BASE", 5000, null],
        ["CARRIED_OVER", earlier.amountPence, earlier.id],
      ]);
      expect(now.lines[1].label).toBe(CARRIED_OVER_LINE_LABEL);
      const carried = await db().payment.findUniqueOrThrow({ where: { id: earlier.id } });
      expect(carried.status).toBe("CARRIED_OVER");
      const history = await db().paymentStatusHistory.findFirstOrThrow({
        where: { paymentId: earlier.id, toStatus: "CARRIED_OVER" },
      });
      expect(history).toMatchObject({ action: "payment.carried-over", fromStatus: earlier.status });
    }
    // Paid, rejected by an accountant, or no longer enrolled: nothing carried.
    expect(payments.get(paid.personId)!.lines.map((l) => l.kind)).toEqual(["BASE"]);
    expect(payments.get(rejected.personId)!.lines.map((l) => l.kind)).toEqual(["BASE", "CONDITIONAL"]);
    expect(payments.get(leftPlan.personId)).toBeUndefined();
    expect((await db().payment.findUniqueOrThrow({ where: { id: november2.get(rejected.personId)!.id } })).status).toBe(
      "CANCELLED",
    );
    expect((await db().payment.findUniqueOrThrow({ where: { id: november2.get(leftPlan.personId)!.id } })).status).toBe("FAILED");

    // A rebuilt December payroll still carries the same money, once; January carries nothing again.
    await rejectCycle({ db: db(), cycleId: december.cycleId, expectedVersion: 0, reason: "Recheck", actor: checker, now: NOW });
    const rebuilt = await rebuildPayroll({ db: db(), cycleId: december.cycleId, expectedVersion: 1, actor: maker, now: NOW });
    expect(rebuilt.totals).toMatchObject({ payments: 5, carriedOver: 0, cancelled: 0 });
    const afterRebuild = await cyclePayments(db(), december.cycleId);
    for (const person of [failed, expired, poCancelled]) {
      expect(afterRebuild.get(person.personId)).toMatchObject({
        id: payments.get(person.personId)!.id,
        amountPence: payments.get(person.personId)!.amountPence,
        lines: payments.get(person.personId)!.lines,
      });
    }
    const january = await create("2027-01-01");
    expect(january.totals.carriedOver).toBe(0);
    const carriedLines = await db().paymentLine.count({
      where: { kind: "CARRIED_OVER", payment: { cycle: { paymentPlanId: plan.paymentPlan.id } } },
    });
    expect(carriedLines).toBe(3);
  });

  it("carries nothing for a plan that does not carry over", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db(), { rule: RULE, carryOverUnpaid: false });
    const [person] = await enrol(db(), plan.benefitPlan.id, [{}]);
    const first = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    await approveCycle({ db: db(), cycleId: first.cycleId, expectedVersion: 0, actor: checker, now: NOW });
    const earlier = (await cyclePayments(db(), first.cycleId)).get(person.personId)!;
    await forcePaymentUpdate(db(), { where: { id: earlier.id }, data: { status: "FAILED" } });
    const next = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-12-01",
      actor: maker,
      now: NOW,
    });
    expect(next.totals.carriedOver).toBe(0);
    expect((await cyclePayments(db(), next.cycleId)).get(person.personId)!.amountPence).toBe(5000);
  });
});
