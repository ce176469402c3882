// The payment point form as the browser posts it: every value as typed, its filter rows, and the
// names of its fields and buttons. Shared by the form (a client component) and the code that reads
// and checks it. A filter row is a condition row of the payment plan form, so its values are read
// and checked the same way.
import type { ConditionValues } from "@/lib/plans/payment-plans/plan-form-fields";
import { MAX_POINT_FILTERS } from "./point-filters";

export { MAX_POINT_FILTERS };
export type { ConditionValues };

export type PointFormValues = {
  name: string;
  /** The user id chosen from the list. */
  managerId: string;
  /** "1", "2" … as chosen. */
  position: string;
  filters: ConditionValues[];
};

export const emptyFilter = (): ConditionValues => ({ attribute: "", operator: "", value: "" });

export function emptyPointForm(position: number): PointFormValues {
  return { name: "", managerId: "", position: String(position), filters: [emptyFilter()] };
}

/** Field names (and element ids) of a filter row, numbered from 1 as people read them. */
export const filterField = (n: number, part: "attribute" | "operator" | "value") => `filter-${n}-${part}`;

export const FILTER_COUNT = "filterCount";
export const ADD_FILTER = "add-filter";
export const FILTERS_HEADING = "filters-heading";
/** Every submit button posts `intent`; a row's button names its row. */
export const INTENT = "intent";

export type PointIntent = { kind: "save" } | { kind: "add-filter" } | { kind: "remove-filter"; filter: number };

export function pointIntentValue(intent: PointIntent): string {
  return intent.kind === "remove-filter" ? `remove-filter:${intent.filter}` : intent.kind;
}

/** Every field that can carry an error, in the form's order: the error summary's order. */
export function pointFormFieldOrder(values: PointFormValues): string[] {
  return [
    "name",
    "managerId",
    "position",
    ...values.filters.flatMap((_, i) => (["attribute", "operator", "value"] as const).map((p) => filterField(i + 1, p))),
    ADD_FILTER,
  ];
}
