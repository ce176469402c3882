// A cycle's payroll is built set-based: the statements creating a cycle send do not grow with the
// number of beneficiaries. Counted at the pg driver (every statement, whoever sends it), for a
// cycle of 2,000 beneficiaries and one of 20,000, then approving each.
import { describe, expect, it } from "vitest";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { countStatements } from "../support/count-statements";
import { useTestDatabase } from "../support/test-db";
import { enrol, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

/** Creating a cycle, whatever its size (docs/plans.md#building-the-payroll). */
const MAX_CREATE_STATEMENTS = 35;
const MAX_APPROVE_STATEMENTS = 25;

const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2500,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern region",
      conditions: [{ attribute: "Region", type: "TEXT", operator: "in", value: ["North", "North East"] }],
      amountPence: 1500,
      countsTowardsCeiling: true,
    },
  ],
  ceilingPence: 3000,
  limitPence: null,
};

async function countedCycle(n: number) {
  const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
  const plan = await makePlan(db(), { rule: RULE, carryOverUnpaid: true });
  await enrol(
    db(),
    plan.benefitPlan.id,
    Array.from({ length: n }, (_, i) => ({
      attributes: { "Household size": 1 + (i % 5), Region: i % 3 === 0 ? "north" : "South" },
      method: i % 4 === 0 ? ("CASH" as const) : ("BANK" as const),
    })),
  );
  const created = await countStatements(() =>
    createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart: "2026-11-01", actor: maker, now: NOW }),
  );
  const { cycleId, totals } = created.result;
  expect(totals).toMatchObject({ beneficiaries: n, payments: n, suspended: 0 });
  const approved = await countStatements(() => approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW }));
  expect(approved.result).toEqual({ released: n, held: 0 });
  const [sum] = await db().$queryRaw<{ payments: number; pence: bigint; lines: number }[]>`
    SELECT count(*)::int AS payments, sum("amountPence")::bigint AS pence,
           (SELECT count(*)::int FROM "PaymentLine" l JOIN "Payment" q ON q.id = l."paymentId" WHERE q."cycleId" = ${cycleId}::uuid) AS lines
    FROM "Payment" WHERE "cycleId" = ${cycleId}::uuid AND status = 'NEW'`;
  expect({ payments: sum.payments, pence: Number(sum.pence) }).toEqual({ payments: n, pence: totals.totalPence });
  return { create: created.statements, approve: approved.statements, lines: sum.lines };
}

describe("a cycle at scale", () => {
  it(
    `takes the same statements (at most ${MAX_CREATE_STATEMENTS} to create, ${MAX_APPROVE_STATEMENTS} to approve) for 2,000 beneficiaries as for 20,000`,
    { timeout: 300_000 },
    async () => {
      const small = await countedCycle(2_000);
      const large = await countedCycle(20_000);
      expect(small.create).toBeLessThanOrEqual(MAX_CREATE_STATEMENTS);
      expect(small.approve).toBeLessThanOrEqual(MAX_APPROVE_STATEMENTS);
      expect({ create: large.create, approve: large.approve }).toEqual({ create: small.create, approve: small.approve });
      // Every payment has its breakdown: a base line, and its conditional and ceiling lines.
      expect(large.lines).toBeGreaterThan(20_000 * 1.5);
    },
  );
});
