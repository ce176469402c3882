import { isIsoDate } from "@/lib/dates/london-date";

// GOV.UK date inputs submit three boxes, `<name>-day`, `-month` and `-year`; their errors link to
// the day box. Pure: the caller passes a reader of the submitted fields.

export type ReadField = (name: string) => string | undefined;

export const dayFieldId = (name: string) => `${name}-day`;

/** The boxes as YYYY-MM-DD; "blank" when all three are empty; "invalid" when they are not a real date. */
export function readDateFields(read: ReadField, name: string): string | "blank" | "invalid" {
  const [day, month, year] = ["day", "month", "year"].map((part) => read(`${name}-${part}`)?.trim() ?? "");
  if (!day && !month && !year) return "blank";
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "invalid";
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : "invalid";
}

/** A YYYY-MM-DD date as the three boxes' values, to draw a form again. */
export function dateFieldValues(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** A required date: the ISO date, or the message for its day box. */
export function requiredDate(
  read: ReadField,
  name: string,
  label: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = readDateFields(read, name);
  if (value === "blank") return { ok: false, message: `Enter the ${label}` };
  if (value === "invalid") return { ok: false, message: `The ${label} must be a real date, like 1 4 2027` };
  return { ok: true, value };
}
