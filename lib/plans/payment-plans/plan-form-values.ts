// A saved plan and its latest rule as the form's text, to start a change from: the way back from
// validate-plan-form.ts (checking these values gives the same plan and rule again).
import { poundsText } from "@/lib/money";
import type { CalculationRule, Condition } from "@/lib/plans/rules/calculation-rule";
import { emptyDate, type DateParts, type PlanFormValues } from "./plan-form-fields";
import type { PlanDetails } from "./validate-plan-form";

function dateParts(iso: string | null): DateParts {
  if (!iso) return emptyDate();
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

function valueText(condition: Condition): string {
  const one = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  return Array.isArray(condition.value) ? condition.value.map(one).join(", ") : one(condition.value);
}

const money = (pence: number | null) => (pence === null ? "" : poundsText(pence));

export function planFormValues(plan: PlanDetails & { code: string }, rule: CalculationRule): PlanFormValues {
  return {
    code: plan.code,
    name: plan.name,
    periodicityMonths: String(plan.periodicityMonths),
    validFrom: dateParts(plan.validFrom),
    validTo: dateParts(plan.validTo),
    carryOverUnpaid: plan.carryOverUnpaid ? "yes" : "no",
    letterTemplateCode: plan.letterTemplateCode ?? "",
    baseAmount: money(rule.baseAmountPence),
    ceiling: money(rule.ceilingPence),
    limit: money(rule.limitPence),
    amounts: rule.conditionalAmounts.map((a) => ({
      label: a.label,
      amount: money(a.amountPence),
      counts: a.countsTowardsCeiling ? "yes" : "no",
      conditions: a.conditions.map((c) => ({ attribute: c.attribute, operator: c.operator, value: valueText(c) })),
    })),
    previewReference: "",
  };
}
