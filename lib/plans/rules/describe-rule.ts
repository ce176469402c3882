// A calculation rule in words, for the payment plan's page and its versions: what the rule pays,
// part by part, as docs/plans.md#the-calculation-rule defines it. Pure: the rule in, text out.
import { longDate } from "@/lib/dates/london-date";
import { formatPence } from "@/lib/money";
import type { CalculationRule, Condition, ConditionalAmount } from "./calculation-rule";

function quoted(text: string): string {
  return `"${text}"`;
}

function valueText(condition: Condition, value: unknown): string {
  switch (condition.type) {
    case "NUMBER":
      return String(value);
    case "DATE":
      return longDate(value as string);
    case "YES_NO":
      return value ? "yes" : "no";
    case "TEXT":
    case "ONE_OF":
      return quoted(value as string);
  }
}

/** "Household size >= 3", "Region in ("North", "East")", "Disabled = yes". */
export function describeCondition(condition: Condition): string {
  const value =
    condition.operator === "in"
      ? `(${(condition.value as unknown[]).map((v) => valueText(condition, v)).join(", ")})`
      : valueText(condition, condition.value);
  return `${condition.attribute} ${condition.operator} ${value}`;
}

/** "+£20.00 when Household size >= 3 (Large household; counts towards ceiling)". */
export function describeConditionalAmount(amount: ConditionalAmount): string {
  const when = amount.conditions.map(describeCondition).join(" and ");
  const notes = [amount.label, amount.countsTowardsCeiling ? "counts towards ceiling" : "outside the ceiling"];
  return `+${formatPence(amount.amountPence)} when ${when} (${notes.join("; ")})`;
}

export function describeCeiling(ceilingPence: number | null): string {
  return ceilingPence === null ? "no ceiling" : `ceiling ${formatPence(ceilingPence)} on the amounts that count towards it`;
}

export function describeLimit(limitPence: number | null): string {
  return limitPence === null
    ? "no per-payment limit"
    : `a payment above ${formatPence(limitPence)} is suspended for an accountant`;
}

/** The rule's parts in order: base, each conditional amount, the ceiling, the limit. */
export function describeRuleParts(rule: CalculationRule): string[] {
  return [
    `${formatPence(rule.baseAmountPence)} base`,
    ...rule.conditionalAmounts.map(describeConditionalAmount),
    describeCeiling(rule.ceilingPence),
    describeLimit(rule.limitPence),
  ];
}

/** The whole rule in one line: "£50.00 base; +£20.00 when Household size >= 3 (…); ceiling …; …". */
export function describeRule(rule: CalculationRule): string {
  return describeRuleParts(rule).join("; ");
}
