import type { ReadField } from "@/lib/plans/enrolments/date-fields";

/** A reader of a server action's parsed form (a name given twice reads as its first value). */
export function formReader(input: Record<string, unknown>): ReadField {
  return (name) => {
    const value = input[name];
    if (typeof value === "string") return value;
    return Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
  };
}
