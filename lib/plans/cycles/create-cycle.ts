import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { longDate } from "@/lib/dates/london-date";
import { withPgTransaction, type SqlTx } from "@/lib/db/pg-transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { calculationRuleSchema, type CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { buildPayroll, type PayrollTotals } from "./build-payroll";
import { recordCycleEvent } from "./cycle-events";
import { describePayroll } from "./rules/describe-payroll";
import { periodStartingOn, type PlanValidity } from "./rules/cycle-periods";

// An accountant creates a payment cycle: one period of a payment plan, and its payroll built in the
// same transaction (docs/plans.md#payment-cycles). One cycle per plan and period: the unique index
// decides between two accountants creating the same one at once.

export type LockedPlan = PlanValidity & {
  id: string;
  code: string;
  name: string;
  benefitPlanId: string;
  carryOverUnpaid: boolean;
};

/**
 * The plan, locked: creating and rebuilding the cycles of one plan take turns, so two of them never
 * carry the same unpaid payment over.
 */
export async function lockPaymentPlan(tx: SqlTx, paymentPlanId: string): Promise<LockedPlan | null> {
  const [plan] = await tx.$queryRaw<LockedPlan[]>`
    SELECT id, code, name, "benefitPlanId", "periodicityMonths", "validFrom"::text AS "validFrom",
           "validTo"::text AS "validTo", "carryOverUnpaid"
    FROM "PaymentPlan" WHERE id = ${paymentPlanId}::uuid FOR UPDATE`;
  return plan ?? null;
}

/** The plan's latest rule version, checked. */
export async function latestPlanVersion(
  tx: SqlTx,
  plan: Pick<LockedPlan, "id" | "name">,
): Promise<{ id: string; version: number; rule: CalculationRule }> {
  const [latest] = await tx.$queryRaw<{ id: string; version: number; rule: unknown }[]>`
    SELECT id, version, rule FROM "PaymentPlanVersion" WHERE "paymentPlanId" = ${plan.id}::uuid
    ORDER BY version DESC LIMIT 1`;
  if (!latest) throw new AppError("INVALID_STATE", `${plan.name} has no calculation rule yet: a plan manager sets one first.`);
  const parsed = calculationRuleSchema.safeParse(latest.rule);
  if (!parsed.success) {
    throw new AppError(
      "INVALID_STATE",
      `${plan.name}'s calculation rule (version ${latest.version}) is not valid: ${parsed.error.issues[0]?.message ?? "unreadable"}. A plan manager corrects it first.`,
    );
  }
  return { id: latest.id, version: latest.version, rule: parsed.data };
}

function isCycleClash(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown };
  return e?.code === "23505" && e.constraint === "PaymentCycle_paymentPlanId_periodStart_key";
}

export async function createCycle(options: {
  db: PrismaClient;
  paymentPlanId: string;
  periodStart: string;
  actor: StaffMember;
  now: Date;
}): Promise<{ cycleId: string; totals: PayrollTotals }> {
  const { db, actor, now } = options;
  let planName = "This plan";
  try {
    return await withPgTransaction(db, async (tx) => {
      const plan = await lockPaymentPlan(tx, options.paymentPlanId);
      if (!plan) throw new AppError("NOT_FOUND", "Payment plan not found");
      planName = plan.name;
      const period = periodStartingOn(plan, options.periodStart);
      if (!period) {
        const message = `Choose one of ${plan.name}'s periods`;
        throw new AppError("VALIDATION", message, { period: [message] });
      }
      const version = await latestPlanVersion(tx, plan);
      const [cycle] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "PaymentCycle" (id, "paymentPlanId", "planVersionId", "periodStart", "periodEnd", "createdById", "createdAt")
        VALUES (gen_random_uuid(), ${plan.id}::uuid, ${version.id}::uuid, ${period.start}::date, ${period.end}::date,
                ${actor.id}::uuid, (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
        RETURNING id`;
      const totals = await buildPayroll(tx, {
        cycle: {
          id: cycle.id,
          paymentPlanId: plan.id,
          benefitPlanId: plan.benefitPlanId,
          periodStart: period.start,
          periodEnd: period.end,
          carryOverUnpaid: plan.carryOverUnpaid,
          payrollVersion: 1,
        },
        rule: version.rule,
        actor,
        now,
      });
      await recordCycleEvent(tx, {
        cycleId: cycle.id,
        kind: "cycle.created",
        summary: `Cycle created with rule version ${version.version}. ${describePayroll(totals)}`,
        detail: { planVersion: version.version, ...totals },
        actor,
        now,
      });
      await recordAuditSql(tx, {
        actor,
        action: "cycle.created",
        entityType: "PaymentCycle",
        entityId: cycle.id,
        after: { plan: plan.code, periodStart: period.start, periodEnd: period.end, planVersion: version.version, ...totals },
      });
      return { cycleId: cycle.id, totals };
    });
  } catch (error) {
    if (isCycleClash(error)) {
      const message = `${planName} already has a cycle for the period starting ${longDate(options.periodStart)}.`;
      throw new AppError("CONFLICT", message, { period: [message] });
    }
    throw error;
  }
}
