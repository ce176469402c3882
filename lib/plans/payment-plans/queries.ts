import "server-only";
import type { Db, Tx } from "@/lib/db";
import { attributeDeclarationsSchema, type AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { calculationRuleSchema, type CalculationRule } from "@/lib/plans/rules/calculation-rule";
import type { PlanDetails } from "./validate-plan-form";

// What the payment plan pages show: the list, one plan with its versions, and the benefit plans a
// new plan can belong to. Plans are few (tens), so lists are read whole.

/** A DATE column as Prisma returns it (UTC midnight) -> YYYY-MM-DD. */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
export const dateColumn = (iso: string) => new Date(`${iso}T00:00:00Z`);

export type BenefitPlanForForm = { id: string; code: string; name: string; attributes: AttributeDeclaration[] };

export async function listBenefitPlanChoices(db: Db): Promise<{ id: string; code: string; name: string }[]> {
  return db.benefitPlan.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
}

export async function loadBenefitPlanForForm(db: Db | Tx, id: string): Promise<BenefitPlanForForm | null> {
  const plan = await db.benefitPlan.findUnique({ where: { id }, select: { id: true, code: true, name: true, attributes: true } });
  // The attributes were checked when the benefit plan was saved: a stored value that fails is a bug.
  return plan && { ...plan, attributes: attributeDeclarationsSchema.parse(plan.attributes) };
}

export type PaymentPlanListRow = {
  id: string;
  code: string;
  name: string;
  benefitPlan: { code: string; name: string };
  periodicityMonths: number;
  validFrom: string;
  validTo: string | null;
  currentVersion: number;
  currentSince: Date;
};

export async function listPaymentPlans(db: Db): Promise<PaymentPlanListRow[]> {
  const plans = await db.paymentPlan.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      periodicityMonths: true,
      validFrom: true,
      validTo: true,
      benefitPlan: { select: { code: true, name: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true } },
    },
  });
  return plans.map(({ versions, validFrom, validTo, ...plan }) => ({
    ...plan,
    validFrom: isoDate(validFrom),
    validTo: validTo && isoDate(validTo),
    currentVersion: versions[0]?.version ?? 0,
    currentSince: versions[0]?.createdAt ?? new Date(0),
  }));
}

export type PaymentPlanVersionView = {
  version: number;
  rule: CalculationRule;
  createdAt: Date;
  createdBy: string;
  cycles: number;
};

export type PaymentPlanView = PlanDetails & {
  id: string;
  code: string;
  benefitPlan: BenefitPlanForForm;
  createdAt: Date;
  createdBy: string;
  cycles: number;
  /** Newest first; the first is the current version. */
  versions: PaymentPlanVersionView[];
};

export async function loadPaymentPlan(db: Db, id: string): Promise<PaymentPlanView | null> {
  const plan = await db.paymentPlan.findUnique({
    where: { id },
    include: {
      versions: { orderBy: { version: "desc" }, include: { _count: { select: { cycles: true } } } },
      _count: { select: { cycles: true } },
    },
  });
  if (!plan) return null;
  const benefitPlan = await loadBenefitPlanForForm(db, plan.benefitPlanId);
  const userIds = [...new Set([plan.createdById, ...plan.versions.map((v) => v.createdById)])];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } });
  const who = (userId: string) => {
    const user = users.find((u) => u.id === userId);
    return user ? `${user.name} (${user.email})` : "Unknown user";
  };
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    periodicityMonths: plan.periodicityMonths,
    validFrom: isoDate(plan.validFrom),
    validTo: plan.validTo && isoDate(plan.validTo),
    carryOverUnpaid: plan.carryOverUnpaid,
    letterTemplateCode: plan.letterTemplateCode,
    benefitPlan: benefitPlan!,
    createdAt: plan.createdAt,
    createdBy: who(plan.createdById),
    cycles: plan._count.cycles,
    versions: plan.versions.map((v) => ({
      version: v.version,
      // Read with the plain schema: the benefit plan's attributes may have changed since it was saved.
      rule: calculationRuleSchema.parse(v.rule),
      createdAt: v.createdAt,
      createdBy: who(v.createdById),
      cycles: v._count.cycles,
    })),
  };
}
