import "server-only";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { dateColumn } from "./queries";
import type { PlanDetails } from "./validate-plan-form";

export function planColumns(details: PlanDetails) {
  return {
    name: details.name,
    periodicityMonths: details.periodicityMonths,
    validFrom: dateColumn(details.validFrom),
    validTo: details.validTo === null ? null : dateColumn(details.validTo),
    carryOverUnpaid: details.carryOverUnpaid,
    letterTemplateCode: details.letterTemplateCode,
  };
}

/** A new payment plan and its version 1, audited, in one transaction. */
export async function createPaymentPlan(options: {
  db: Db;
  benefitPlanId: string;
  code: string;
  details: PlanDetails;
  rule: CalculationRule;
  actor: StaffMember;
  now: Date;
}): Promise<{ id: string }> {
  const { db, benefitPlanId, code, details, rule, actor, now } = options;
  try {
    return await db.$transaction(async (tx) => {
      const plan = await tx.paymentPlan.create({
        data: { code, benefitPlanId, ...planColumns(details), createdById: actor.id, createdAt: now },
        select: { id: true },
      });
      await tx.paymentPlanVersion.create({
        data: { paymentPlanId: plan.id, version: 1, rule, createdById: actor.id, createdAt: now },
      });
      await recordAudit(tx, {
        actor,
        action: "payment-plan.created",
        entityType: "PaymentPlan",
        entityId: plan.id,
        after: { code, benefitPlanId, ...details, version: 1, rule },
      });
      return plan;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `A payment plan with the code ${code} already exists`;
      throw new AppError("CONFLICT", message, { code: [message] });
    }
    throw error;
  }
}
