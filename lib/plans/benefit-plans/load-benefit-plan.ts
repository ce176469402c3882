import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { attributeDeclarationsSchema, type AttributeDeclaration } from "../rules/attributes";

export type BenefitPlanRecord = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  attributes: AttributeDeclaration[];
  createdAt: Date;
  updatedAt: Date;
};

/** The stored declarations, typed; they were checked when saved, so a failure here is a bug. */
export function declaredAttributes(json: unknown): AttributeDeclaration[] {
  return attributeDeclarationsSchema.parse(json);
}

/** A benefit plan by its code (any case), or null. */
export async function findBenefitPlan(db: Db | Tx, code: string): Promise<BenefitPlanRecord | null> {
  const plan = await db.benefitPlan.findUnique({ where: { code: code.trim().toUpperCase() } });
  if (!plan) return null;
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    description: plan.description,
    attributes: declaredAttributes(plan.attributes),
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

export async function loadBenefitPlan(db: Db | Tx, code: string): Promise<BenefitPlanRecord> {
  const plan = await findBenefitPlan(db, code);
  if (!plan) throw new AppError("NOT_FOUND", `There is no benefit plan with code ${code}`);
  return plan;
}
