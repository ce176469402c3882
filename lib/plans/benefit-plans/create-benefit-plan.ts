import type { Db } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import type { BenefitPlanInput } from "./benefit-plan-form";

/** A plan manager creates a benefit plan; its code is its name in URLs and files, and never changes. */
export async function createBenefitPlan(options: {
  db: Db;
  plan: BenefitPlanInput;
  actor: StaffMember;
  now: Date;
}): Promise<{ code: string }> {
  const { db, plan, actor, now } = options;
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.benefitPlan.create({
        data: {
          code: plan.code,
          name: plan.name,
          description: plan.description,
          attributes: plan.attributes,
          createdById: actor.id,
          createdAt: now,
        },
      });
      await recordAudit(tx, {
        actor,
        action: "benefit-plan.created",
        entityType: "BenefitPlan",
        entityId: created.id,
        after: { code: plan.code, name: plan.name, description: plan.description, attributes: plan.attributes },
      });
      return { code: created.code };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("VALIDATION", "Check the form for errors.", {
      code: [`There is already a benefit plan with code ${plan.code}`],
    });
  }
}
