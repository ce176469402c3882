// What a rule would pay one beneficiary, every part of the sum shown: the base, each conditional
// amount matched or not (and each of its conditions met or not, against the value held), the
// ceiling applied, the limit. The numbers are calculatePayment's; this only lays them out.
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { calculatePayment, type PaymentStatus } from "@/lib/plans/rules/calculate-payment";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { conditionMatches, type AttributeValues } from "@/lib/plans/rules/condition-matches";
import { describeCondition } from "@/lib/plans/rules/describe-rule";

export type PreviewCondition = { text: string; met: boolean; held: string };

export type PreviewConditionalAmount = {
  position: number;
  label: string;
  amountPence: number;
  countsTowardsCeiling: boolean;
  matched: boolean;
  conditions: PreviewCondition[];
};

export type PreviewBreakdown = {
  basePence: number;
  conditionalAmounts: PreviewConditionalAmount[];
  /** null: the rule has no ceiling. `reductionPence` is 0 or negative, as the CEILING line. */
  ceiling: { ceilingPence: number; countingPence: number; reductionPence: number } | null;
  /** Without carried-over money: a cycle adds that, and the limit never applies to it. */
  periodPence: number;
  /** null: the rule has no limit. */
  limit: { limitPence: number; exceeded: boolean } | null;
  status: PaymentStatus;
};

/** A held value as people read it; missing (absent or null) says so. */
export function heldValueText(value: unknown): string {
  if (value === undefined || value === null) return "not held";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return `"${value}"`;
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

export function previewBreakdown(rule: CalculationRule, attributes: AttributeValues): PreviewBreakdown {
  const result = calculatePayment(rule, attributes, []);
  const held = (name: string) => (Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined);
  const conditionalAmounts = rule.conditionalAmounts.map((amount, i) => {
    const conditions = amount.conditions.map((c) => ({
      text: describeCondition(c),
      met: conditionMatches(c, attributes),
      held: heldValueText(held(c.attribute)),
    }));
    return {
      position: i + 1,
      label: amount.label,
      amountPence: amount.amountPence,
      countsTowardsCeiling: amount.countsTowardsCeiling,
      matched: result.lines.some((l) => l.kind === "CONDITIONAL" && l.position === i + 1),
      conditions,
    };
  });
  const countingPence = conditionalAmounts
    .filter((a) => a.matched && a.countsTowardsCeiling)
    .reduce((sum, a) => sum + a.amountPence, 0);
  const ceilingLine = result.lines.find((l) => l.kind === "CEILING");
  return {
    basePence: rule.baseAmountPence,
    conditionalAmounts,
    ceiling:
      rule.ceilingPence === null
        ? null
        : { ceilingPence: rule.ceilingPence, countingPence, reductionPence: ceilingLine?.amountPence ?? 0 },
    periodPence: result.periodPence,
    limit: rule.limitPence === null ? null : { limitPence: rule.limitPence, exceeded: result.status === "SUSPENDED" },
    status: result.status,
  };
}

/** The beneficiary's values of the benefit plan's declared attributes, in declaration order. */
export function heldAttributes(
  declared: readonly AttributeDeclaration[],
  attributes: AttributeValues,
): { name: string; value: string }[] {
  return declared.map((d) => ({
    name: d.name,
    value: heldValueText(Object.prototype.hasOwnProperty.call(attributes, d.name) ? attributes[d.name] : undefined),
  }));
}
