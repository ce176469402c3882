// The posted payment point form read back into its values (text as typed) and the button pressed,
// and the "Add another filter" / "Remove filter n" buttons applied, so the form works without
// JavaScript. The row count comes from a hidden field and is clamped. Pure.
import {
  emptyFilter,
  FILTER_COUNT,
  FILTERS_HEADING,
  filterField,
  INTENT,
  MAX_POINT_FILTERS,
  type PointFormValues,
  type PointIntent,
} from "./point-form-fields";

export type PostedFields = Readonly<Record<string, unknown>>;

function text(fields: PostedFields, name: string): string {
  const value = fields[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

function count(fields: PostedFields): number {
  const raw = text(fields, FILTER_COUNT).trim();
  return /^\d{1,3}$/.test(raw) ? Math.min(Number(raw), MAX_POINT_FILTERS) : 0;
}

export function parsePointIntent(value: string): PointIntent | null {
  if (value === "save" || value === "add-filter") return { kind: value };
  const row = /^remove-filter:(\d{1,2})$/.exec(value);
  return row ? { kind: "remove-filter", filter: Number(row[1]) } : null;
}

export function parsePointForm(fields: PostedFields): { values: PointFormValues; intent: PointIntent | null } {
  const values: PointFormValues = {
    name: text(fields, "name"),
    managerId: text(fields, "managerId"),
    position: text(fields, "position"),
    filters: Array.from({ length: count(fields) }, (_, i) => ({
      attribute: text(fields, filterField(i + 1, "attribute")),
      operator: text(fields, filterField(i + 1, "operator")),
      value: text(fields, filterField(i + 1, "value")),
    })),
  };
  return { values, intent: parsePointIntent(text(fields, INTENT)) };
}

/** The form with a filter row added or removed, and where focus goes next. */
export function applyFilterRowIntent(
  values: PointFormValues,
  intent: Exclude<PointIntent, { kind: "save" }>,
): { values: PointFormValues; focus: string } {
  const filters = values.filters;
  if (intent.kind === "add-filter") {
    if (filters.length >= MAX_POINT_FILTERS) return { values, focus: FILTERS_HEADING };
    return { values: { ...values, filters: [...filters, emptyFilter()] }, focus: filterField(filters.length + 1, "attribute") };
  }
  if (intent.filter < 1 || intent.filter > filters.length) return { values, focus: FILTERS_HEADING };
  return { values: { ...values, filters: filters.filter((_, i) => i !== intent.filter - 1) }, focus: FILTERS_HEADING };
}
