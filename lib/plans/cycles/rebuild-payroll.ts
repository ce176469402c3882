import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildPayroll, type PayrollTotals } from "./build-payroll";
import { latestPlanVersion, lockPaymentPlan } from "./create-cycle";
import { recordCycleEvent } from "./cycle-events";
import { loadCycleState } from "./lock-cycle";
import { statusWords, whyPayrollCannotBeRebuilt } from "./rules/cycle-decisions";
import { describePayroll } from "./rules/describe-payroll";

// After a rejection an accountant rebuilds the payroll (docs/plans.md#maker-checker) with the
// plan's latest rule and the enrolments as they are now: payments no longer due are cancelled as
// rebuilt, the others worked out again, newcomers added; the payroll's version goes up by one and
// the cycle waits for approval again. Whoever rebuilds it is one of its makers from then on.

export async function rebuildPayroll(options: {
  db: PrismaClient;
  cycleId: string;
  expectedVersion: number;
  actor: StaffMember;
  now: Date;
}): Promise<{ totals: PayrollTotals; payrollVersion: number }> {
  const { db, cycleId, actor, now } = options;
  return withPgTransaction(db, async (tx) => {
    const [found] = await tx.$queryRaw<{ paymentPlanId: string }[]>`
      SELECT "paymentPlanId" FROM "PaymentCycle" WHERE id = ${cycleId}::uuid`;
    if (!found) throw new AppError("NOT_FOUND", "Payment cycle not found");
    // Plan first, then cycle: the order creating a cycle takes them in.
    const plan = await lockPaymentPlan(tx, found.paymentPlanId);
    const cycle = await loadCycleState(tx, cycleId, { lock: true });
    if (!plan || !cycle) throw new AppError("NOT_FOUND", "Payment cycle not found");
    if (cycle.version !== options.expectedVersion) {
      throw new AppError(
        "STALE",
        `This cycle changed while you were looking at it (it is now ${statusWords(cycle.status)}). Nothing was changed: look at it again.`,
      );
    }
    const refusal = whyPayrollCannotBeRebuilt(cycle.status);
    if (refusal) throw new AppError("INVALID_STATE", refusal);

    const version = await latestPlanVersion(tx, plan);
    const payrollVersion = cycle.payrollVersion + 1;
    const totals = await buildPayroll(tx, {
      cycle: {
        id: cycleId,
        paymentPlanId: plan.id,
        benefitPlanId: plan.benefitPlanId,
        periodStart: cycle.periodStart,
        periodEnd: cycle.periodEnd,
        carryOverUnpaid: plan.carryOverUnpaid,
        payrollVersion,
      },
      rule: version.rule,
      actor,
      now,
    });
    await tx.$executeRaw`
      UPDATE "PaymentCycle"
      SET status = 'PENDING_APPROVAL', "planVersionId" = ${version.id}::uuid, "payrollVersion" = ${payrollVersion},
          "decidedById" = NULL, "decidedAt" = NULL, "rejectionReason" = NULL, version = version + 1
      WHERE id = ${cycleId}::uuid`;
    await recordCycleEvent(tx, {
      cycleId,
      kind: "cycle.rebuilt",
      summary: `Payroll rebuilt (payroll version ${payrollVersion}, rule version ${version.version}). ${describePayroll(totals)}`,
      detail: { payrollVersion, planVersion: version.version, ...totals },
      actor,
      now,
    });
    await recordAuditSql(tx, {
      actor,
      action: "cycle.rebuilt",
      entityType: "PaymentCycle",
      entityId: cycleId,
      before: { status: "REJECTED", payrollVersion: cycle.payrollVersion, planVersion: cycle.planVersion },
      after: { status: "PENDING_APPROVAL", payrollVersion, planVersion: version.version, ...totals },
    });
    return { totals, payrollVersion };
  });
}
