// A saved point as the form's text, to start a change from: the way back from
// validate-point-form.ts (checking these values gives the same point again). Pure.
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import type { ConditionValues, PointFormValues } from "./point-form-fields";

/** As the payment plan form writes a condition's value: yes/no for booleans, a list separated by commas. */
function valueText(condition: Condition): string {
  const one = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  return Array.isArray(condition.value) ? condition.value.map(one).join(", ") : one(condition.value);
}

export function filterRows(filters: readonly Condition[]): ConditionValues[] {
  return filters.map((c) => ({ attribute: c.attribute, operator: c.operator, value: valueText(c) }));
}

export function pointFormValues(point: {
  name: string;
  managerId: string | null;
  position: number;
  filters: readonly Condition[];
}): PointFormValues {
  return {
    name: point.name,
    managerId: point.managerId ?? "",
    position: String(point.position),
    filters: filterRows(point.filters),
  };
}
