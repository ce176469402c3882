// Creating a payment cycle builds its payroll set-based: every beneficiary enrolled for any part of
// the period gets exactly the payment calculatePayment gives them (amount, status, every line), a
// beneficiary due nothing gets none and is listed as "nothing due", and one cycle per plan and
// period is all there can be, even when two accountants create it at once.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listNothingDue } from "@/lib/plans/cycles/list-nothing-due";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { calculatePayment } from "@/lib/plans/rules/calculate-payment";
import { DECLARED, prng, randomAttributes, randomRule } from "@/lib/plans/rules/random-rules.test-helper";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, FLAT_RULE, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");
const SEED = 20261128;

describe("a cycle's payroll", () => {
  it(
    "pays each of a few hundred random beneficiaries exactly what calculatePayment gives, and nothing to those due nothing",
    { timeout: 120_000 },
    async () => {
      const random = prng(SEED);
      const accountant = await makeAccountant(db());
      const reached = { DRAFT: 0, SUSPENDED: 0, NOTHING_DUE: 0, ceiling: 0 };
      for (let r = 0; r < 9; r++) {
        // Every third rule has a zero base, so some beneficiaries are due nothing at all; every third
        // a limit at the base amount, so any conditional amount that matches suspends the payment;
        // every third a ceiling of £1, which nearly any counting amount exceeds.
        const drawn = randomRule(random);
        const rule: CalculationRule =
          r % 3 === 0
            ? { ...drawn, baseAmountPence: 0 }
            : r % 3 === 1
              ? { ...drawn, limitPence: drawn.baseAmountPence }
              : { ...drawn, ceilingPence: 100 };
        const plan = await makePlan(db(), { rule, attributes: DECLARED });
        const attributes = Array.from({ length: 40 }, () => JSON.parse(JSON.stringify(randomAttributes(random))));
        const people = await enrol(
          db(),
          plan.benefitPlan.id,
          attributes.map((a) => ({ attributes: a })),
        );

        const { cycleId, totals } = await createCycle({
          db: db(),
          paymentPlanId: plan.paymentPlan.id,
          periodStart: "2026-11-01",
          actor: accountant,
          now: NOW,
        });
        const payments = await cyclePayments(db(), cycleId);
        let expectedTotal = 0;
        const nothingDue: string[] = [];
        people.forEach((person, i) => {
          const expected = calculatePayment(rule, attributes[i], []);
          reached[expected.status]++;
          if (expected.lines.some((l) => l.kind === "CEILING")) reached.ceiling++;
          const payment = payments.get(person.personId);
          if (expected.status === "NOTHING_DUE") {
            expect(payment, `rule ${r}, person ${i}`).toBeUndefined();
            nothingDue.push(person.reference);
            return;
          }
          expectedTotal += expected.totalPence;
          expect(payment, `rule ${r}, person ${i}`).toMatchObject({
            status: expected.status,
            amountPence: expected.totalPence,
            method: "BANK",
            reference: `${person.reference}-202611`,
          });
          expect(payment!.lines).toEqual(
            expected.lines.map((l, n) => ({
              lineNo: n + 1,
              kind: l.kind,
              label: l.label,
              amountPence: l.amountPence,
              carriedFromPaymentId: null,
            })),
          );
        });
        expect(totals).toMatchObject({
          beneficiaries: 40,
          payments: 40 - nothingDue.length,
          nothingDue: nothingDue.length,
          totalPence: expectedTotal,
        });
        const listed = await listNothingDue(db(), {
          cycleId,
          benefitPlanId: plan.benefitPlan.id,
          periodStart: "2026-11-01",
          periodEnd: "2026-11-30",
          rule,
          limit: 100,
        });
        expect({ enrolled: listed.enrolled, count: listed.count }).toEqual({ enrolled: 40, count: nothingDue.length });
        expect(listed.rows.map((r) => r.personReference)).toEqual([...nothingDue].sort());
      }
      // The random beneficiaries reached every outcome.
      expect(reached.DRAFT).toBeGreaterThan(50);
      expect(reached.SUSPENDED).toBeGreaterThan(5);
      expect(reached.NOTHING_DUE).toBeGreaterThan(5);
      expect(reached.ceiling).toBeGreaterThan(5);
    },
  );

  it("takes those enrolled for any part of the period, with the attributes in force on its first day", async () => {
    const accountant = await makeAccountant(db());
    const rule: CalculationRule = {
      baseAmountPence: 1000,
      conditionalAmounts: [
        {
          label: "Large household",
          conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
          amountPence: 500,
          countsTowardsCeiling: false,
        },
      ],
      ceilingPence: null,
      limitPence: null,
    };
    const plan = await makePlan(db(), { rule, attributes: DECLARED });
    const [before, after, endedBefore, endedInside, startedInside, changed, later] = await enrol(db(), plan.benefitPlan.id, [
      { attributes: { "Household size": 3 }, enrolledFrom: "2020-01-01" },
      { attributes: { "Household size": 3 }, enrolledFrom: "2026-12-01" },
      { attributes: { "Household size": 3 }, enrolledFrom: "2020-01-01", enrolledTo: "2026-10-31" },
      { attributes: { "Household size": 3 }, enrolledFrom: "2020-01-01", enrolledTo: "2026-11-01" },
      { attributes: { "Household size": 4 }, enrolledFrom: "2026-11-30" },
      {
        enrolledFrom: "2020-01-01",
        attributeSets: [
          { effectiveFrom: "2020-01-01", values: { "Household size": 1 } },
          { effectiveFrom: "2026-11-01", values: { "Household size": 5 } },
        ],
      },
      {
        enrolledFrom: "2020-01-01",
        attributeSets: [
          { effectiveFrom: "2020-01-01", values: { "Household size": 5 } },
          { effectiveFrom: "2026-11-02", values: { "Household size": 1 } },
        ],
      },
    ]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: accountant,
      now: NOW,
    });
    const payments = await cyclePayments(db(), cycleId);
    const amount = (p: { personId: string }) => payments.get(p.personId)?.amountPence;
    expect([before, after, endedBefore, endedInside, startedInside, changed, later].map(amount)).toEqual([
      1500,
      undefined,
      undefined,
      1500,
      1500,
      1500,
      1500,
    ]);
  });

  it("records the creation: each payment's first history row, the cycle's timeline and an audit record", async () => {
    const accountant = await makeAccountant(db());
    const plan = await makePlan(db(), { rule: { ...FLAT_RULE, limitPence: 4000 } });
    const people = await enrol(db(), plan.benefitPlan.id, [{}, { method: "CASH" }]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-03-01",
      actor: accountant,
      now: NOW,
    });
    const history = await db().paymentStatusHistory.findMany({
      where: { payment: { cycleId } },
      select: { action: true, fromStatus: true, toStatus: true, actorId: true },
    });
    expect(history).toEqual(
      people.map(() => ({ action: "payment.created-in-cycle", fromStatus: null, toStatus: "SUSPENDED", actorId: accountant.id })),
    );
    const payments = [...(await cyclePayments(db(), cycleId)).values()];
    expect(payments.map((p) => p.method).sort()).toEqual(["BANK", "CASH"]);
    expect(payments.every((p) => /^[0-9A-Z]{7}-202603$/.test(p.reference))).toBe(true);
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId } });
    expect(events).toMatchObject([
      {
        kind: "cycle.created",
        actorId: accountant.id,
        summary: "Cycle created with rule version 1. 2 payments of £100.00 in all; 2 suspended (£100.00) above the limit.",
      },
    ]);
    const audit = await db().auditLog.findMany({ where: { entityType: "PaymentCycle", entityId: cycleId } });
    expect(audit).toMatchObject([{ action: "cycle.created", actorId: accountant.id }]);
    const cycle = await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(cycle).toMatchObject({ status: "PENDING_APPROVAL", payrollVersion: 1, createdById: accountant.id, version: 0 });
    expect(cycle.periodEnd.toISOString().slice(0, 10)).toBe("2026-03-31");
  });

  it("refuses a second cycle for the same plan and period, and a period the plan does not have", async () => {
    const accountant = await makeAccountant(db());
    const plan = await makePlan(db(), { periodicityMonths: 3, validFrom: "2026-01-15", validTo: "2026-12-31" });
    await enrol(db(), plan.benefitPlan.id, [{}, {}]);
    const create = (periodStart: string) =>
      createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart, actor: accountant, now: NOW });

    await create("2026-04-15");
    await expect(create("2026-04-15")).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${plan.paymentPlan.name} already has a cycle for the period starting 15 April 2026.`,
    });
    for (const wrong of ["2026-04-01", "2026-05-15", "2027-01-15", "2025-10-15"]) {
      await expect(create(wrong)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    // The last period ends on the plan's last day.
    const { cycleId } = await create("2026-10-15");
    const last = await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(last.periodEnd.toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(await db().payment.count({ where: { cycleId } })).toBe(2);
  });

  it("makes one cycle when two accountants create the same one at once", async () => {
    const [first, second] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db());
    await enrol(
      db(),
      plan.benefitPlan.id,
      Array.from({ length: 50 }, () => ({})),
    );
    const outcomes = await Promise.allSettled(
      [first, second].map((actor) =>
        createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart: "2026-06-01", actor, now: NOW }),
      ),
    );
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().paymentCycle.count({ where: { paymentPlanId: plan.paymentPlan.id } })).toBe(1);
    expect(await db().payment.count({ where: { cycle: { paymentPlanId: plan.paymentPlan.id } } })).toBe(50);
  });

  it("refuses a plan without a rule version, saying so", async () => {
    const accountant = await makeAccountant(db());
    const plan = await makePlan(db());
    await db().paymentPlanVersion.deleteMany({ where: { paymentPlanId: plan.paymentPlan.id } });
    await expect(
      createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart: "2026-06-01", actor: accountant, now: NOW }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: `${plan.paymentPlan.name} has no calculation rule yet: a plan manager sets one first.`,
    });
  });
});
