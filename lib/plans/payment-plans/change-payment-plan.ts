import "server-only";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db";
import { longDate } from "@/lib/dates/london-date";
import { AppError } from "@/lib/errors";
import { calculationRuleSchema, type CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { planColumns } from "./create-payment-plan";
import { dayField } from "./plan-form-fields";
import { isoDate } from "./queries";
import type { PlanDetails } from "./validate-plan-form";

// Changing a plan (docs/plans.md#payment-plans-and-their-versions): its name, validity, carry-over
// and letter template change in place; its rule never does. A changed rule is saved as version n+1,
// and the versions before it stay exactly as they were, with the cycles that used them. The plan's
// row is locked, and the change names the version it started from: a version someone else saved
// meanwhile is never silently replaced.

export type PlanChange = { outcome: "version" | "details" | "both" | "unchanged"; version: number };

const DETAIL_KEYS = ["name", "periodicityMonths", "validFrom", "validTo", "carryOverUnpaid", "letterTemplateCode"] as const;

export async function changePaymentPlan(options: {
  db: Db;
  planId: string;
  /** The version the form was filled from. */
  baseVersion: number;
  details: PlanDetails;
  rule: CalculationRule;
  actor: StaffMember;
  now: Date;
}): Promise<PlanChange> {
  const { db, planId, baseVersion, details, rule, actor, now } = options;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "PaymentPlan" WHERE id = ${planId}::uuid FOR UPDATE`;
    const plan = await tx.paymentPlan.findUnique({
      where: { id: planId },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    if (!plan) throw new AppError("NOT_FOUND", "This payment plan does not exist.");
    const latest = plan.versions[0];
    if (latest.version !== baseVersion) {
      throw new AppError(
        "STALE",
        `Someone saved version ${latest.version} of this plan while you were changing version ${baseVersion}. Nothing was saved: open the plan again to see their change.`,
      );
    }

    const before: PlanDetails = {
      name: plan.name,
      periodicityMonths: plan.periodicityMonths,
      validFrom: isoDate(plan.validFrom),
      validTo: plan.validTo && isoDate(plan.validTo),
      carryOverUnpaid: plan.carryOverUnpaid,
      letterTemplateCode: plan.letterTemplateCode,
    };
    const changed = DETAIL_KEYS.filter((key) => before[key] !== details[key]);
    if (changed.length > 0) await refuseChangesCyclesRelyOn(tx, planId, before, details);

    const ruleChanged = JSON.stringify(calculationRuleSchema.parse(latest.rule)) !== JSON.stringify(rule);
    if (changed.length > 0) {
      await tx.paymentPlan.update({ where: { id: planId }, data: planColumns(details) });
      await recordAudit(tx, {
        actor,
        action: "payment-plan.changed",
        entityType: "PaymentPlan",
        entityId: planId,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, details[key]])),
      });
    }
    const version = ruleChanged ? latest.version + 1 : latest.version;
    if (ruleChanged) {
      await tx.paymentPlanVersion.create({
        data: { paymentPlanId: planId, version, rule, createdById: actor.id, createdAt: now },
      });
      await recordAudit(tx, {
        actor,
        action: "payment-plan.version-created",
        entityType: "PaymentPlan",
        entityId: planId,
        before: { version: latest.version, rule: latest.rule as object },
        after: { version, rule },
      });
    }
    const outcome = ruleChanged ? (changed.length > 0 ? "both" : "version") : changed.length > 0 ? "details" : "unchanged";
    return { outcome, version };
  });
}

/** Cycles already made follow the plan's periods: their start and length cannot move under them. */
async function refuseChangesCyclesRelyOn(tx: Tx, planId: string, before: PlanDetails, after: PlanDetails) {
  const cycles = await tx.paymentCycle.aggregate({ where: { paymentPlanId: planId }, _count: true, _max: { periodEnd: true } });
  if (cycles._count === 0) return;
  const errors: Record<string, string[]> = {};
  const lastEnd = isoDate(cycles._max.periodEnd!);
  if (before.periodicityMonths !== after.periodicityMonths) {
    errors.periodicityMonths = ["The period cannot change: this plan has payment cycles"];
  }
  if (before.validFrom !== after.validFrom) {
    errors[dayField("validFrom")] = ["The date the plan is valid from cannot change: this plan has payment cycles"];
  }
  if (after.validTo !== null && after.validTo < lastEnd) {
    errors[dayField("validTo")] = [`The plan must be valid to ${longDate(lastEnd)} or later: it has a payment cycle up to then`];
  }
  if (Object.keys(errors).length > 0) throw new AppError("VALIDATION", "Check the form for errors.", errors);
}
