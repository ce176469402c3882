// A payment point's filters: conditions on its benefit plan's attributes, all of which must hold
// (AND), in the calculation rule's condition shape (docs/payment-points.md#filters). They are read
// and checked by the calculation rule's own schema, as the one conditional amount of a rule, so a
// filter means exactly what a condition means and compares values the same way. Pure.
import { describeCondition } from "@/lib/plans/rules/describe-rule";
import { calculationRuleSchema, MAX_CONDITIONS, type CalculationRule, type Condition } from "@/lib/plans/rules/calculation-rule";

export const MAX_POINT_FILTERS = MAX_CONDITIONS;

/** The filters as the only conditional amount of an otherwise empty rule. */
export function filtersAsRule(filters: unknown): unknown {
  return {
    baseAmountPence: 0,
    conditionalAmounts: [{ label: "Filters", conditions: filters, amountPence: 0, countsTowardsCeiling: false }],
    ceilingPence: null,
    limitPence: null,
  };
}

/** The conditions back out of filtersAsRule's rule. */
export function filtersOfRule(rule: CalculationRule): Condition[] {
  return rule.conditionalAmounts[0]?.conditions ?? [];
}

/**
 * Stored filters (PaymentPoint.filters) read back, with the plain schema: the benefit plan's
 * attributes may have changed since the point was saved, and a filter on an attribute nobody holds
 * simply matches nobody. No filters: the point takes everyone no earlier point took.
 */
export function readStoredFilters(stored: unknown): Condition[] {
  if (Array.isArray(stored) && stored.length === 0) return [];
  const parsed = calculationRuleSchema.safeParse(filtersAsRule(stored));
  if (!parsed.success) throw new Error(`A payment point's stored filters cannot be read: ${parsed.error.issues[0]?.message}`);
  return filtersOfRule(parsed.data);
}

/** "Region = "North" and Household size >= 3"; "Every beneficiary" when there are none. */
export function describeFilters(filters: readonly Condition[]): string {
  return filters.length === 0 ? "Every beneficiary (no filters)" : filters.map(describeCondition).join(" and ");
}
