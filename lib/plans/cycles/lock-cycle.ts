import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { calculationRuleSchema, type CalculationRule } from "@/lib/plans/rules/calculation-rule";
import type { CycleForDecision, CycleStatus } from "./rules/cycle-decisions";

// A cycle with what its decisions need: its state, the rule it was built with, and who made its
// payroll (its creator, whoever rebuilt it, whoever approved one of its suspended payments: none of
// them may approve or reject it). Locked (FOR UPDATE) inside a decision, read plainly by the page.

export type CycleState = CycleForDecision & {
  id: string;
  version: number;
  payrollVersion: number;
  paymentPlanId: string;
  planName: string;
  periodStart: string;
  periodEnd: string;
  rule: CalculationRule;
  planVersion: number;
};

export async function loadCycleState(tx: SqlTx, cycleId: string, options: { lock: boolean }): Promise<CycleState | null> {
  const [cycle] = await tx.$queryRaw<
    (Omit<CycleState, "rule" | "rebuiltByIds" | "suspendedApproverIds" | "suspendedCount"> & { rule: unknown })[]
  >`
    SELECT c.id, c.status::text AS status, c.version, c."payrollVersion", c."createdById", c."paymentPlanId",
           pp.name AS "planName", c."periodStart"::text AS "periodStart", c."periodEnd"::text AS "periodEnd",
           v.rule, v.version AS "planVersion"
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    JOIN "PaymentPlanVersion" v ON v.id = c."planVersionId"
    WHERE c.id = ${cycleId}::uuid
    ${options.lock ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`;
  if (!cycle) return null;
  const [makers] = await tx.$queryRaw<{ rebuiltByIds: string[]; suspendedApproverIds: string[]; suspendedCount: number }[]>`
    SELECT
      ARRAY(SELECT DISTINCT e."actorId"::text FROM "PaymentCycleEvent" e
            WHERE e."cycleId" = ${cycleId}::uuid AND e.kind = 'cycle.rebuilt' AND e."actorId" IS NOT NULL) AS "rebuiltByIds",
      ARRAY(SELECT DISTINCT h."actorId"::text FROM "PaymentStatusHistory" h JOIN "Payment" p ON p.id = h."paymentId"
            WHERE p."cycleId" = ${cycleId}::uuid AND h.action = 'payment.suspended-approved' AND h."actorId" IS NOT NULL)
        AS "suspendedApproverIds",
      (SELECT count(*)::int FROM "Payment" p WHERE p."cycleId" = ${cycleId}::uuid AND p.status = 'SUSPENDED') AS "suspendedCount"`;
  return {
    ...cycle,
    status: cycle.status as CycleStatus,
    rule: calculationRuleSchema.parse(cycle.rule),
    ...makers,
  };
}
