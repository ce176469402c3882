// A beneficiary's attribute values, typed as the benefit plan declares them and stored as one JSON
// object keyed by attribute name (docs/plans.md#attributes-and-conditions). A blank input stores
// nothing: a missing value never matches a condition, so nobody is paid on data we do not have.
import { longDate } from "@/lib/dates/london-date";
import type { AttributeDeclaration } from "../rules/attributes";
import { dateFieldValues, dayFieldId, readDateFields, type ReadField } from "./date-fields";

export type AttributeValue = number | string | boolean;
export type AttributeValues = Record<string, AttributeValue>;

export const MAX_TEXT_VALUE_LENGTH = 200;
const NUMBER = /^-?\d{1,12}(\.\d{1,6})?$/;

/** The form field of the n-th declared attribute (by position, so any name is safe in a form). */
export function attributeField(index: number): string {
  return `attr-${index + 1}`;
}

/** Where an attribute's error links: its input, or a date's day box. */
export function attributeErrorId(declaration: AttributeDeclaration, index: number): string {
  return declaration.type === "DATE" ? dayFieldId(attributeField(index)) : attributeField(index);
}

/** Every attribute's error id, in the form's order (the error summary's order). */
export function attributeErrorIds(declarations: readonly AttributeDeclaration[]): string[] {
  return declarations.map(attributeErrorId);
}

export type ParsedValues = { ok: true; values: AttributeValues } | { ok: false; fieldErrors: Record<string, string[]> };

/** The submitted attribute inputs, checked against the declarations and typed. */
export function parseAttributeValues(declarations: readonly AttributeDeclaration[], read: ReadField): ParsedValues {
  const values: AttributeValues = {};
  const fieldErrors: Record<string, string[]> = {};
  declarations.forEach((declaration, index) => {
    const parsed = parseOne(declaration, attributeField(index), read);
    if (parsed === undefined) return;
    if (typeof parsed === "object") fieldErrors[attributeErrorId(declaration, index)] = [parsed.error];
    else values[declaration.name] = parsed;
  });
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, values };
}

function parseOne(
  declaration: AttributeDeclaration,
  field: string,
  read: ReadField,
): AttributeValue | { error: string } | undefined {
  const { name } = declaration;
  if (declaration.type === "DATE") {
    const date = readDateFields(read, field);
    if (date === "blank") return undefined;
    return date === "invalid" ? { error: `${name} must be a real date, like 1 4 2027` } : date;
  }
  const text = read(field)?.trim() ?? "";
  if (text === "") return undefined;
  switch (declaration.type) {
    case "NUMBER":
      return NUMBER.test(text) ? Number(text) : { error: `${name} must be a number, like 3 or 2.5` };
    case "TEXT":
      return text.length <= MAX_TEXT_VALUE_LENGTH
        ? text
        : { error: `${name} must be ${MAX_TEXT_VALUE_LENGTH} characters or fewer` };
    case "YES_NO":
      return text === "yes" ? true : text === "no" ? false : { error: `Choose yes or no for ${name}` };
    case "ONE_OF":
      return declaration.options.includes(text) ? text : { error: `Choose one of the options for ${name}` };
  }
}

/** Stored values as the form's inputs, to draw the form again with them. */
export function attributeFormValues(
  declarations: readonly AttributeDeclaration[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  declarations.forEach((declaration, index) => {
    const field = attributeField(index);
    const value = values[declaration.name];
    if (value === undefined || value === null) return;
    if (declaration.type === "DATE") Object.assign(out, typeof value === "string" ? dateFieldValues(field, value) : {});
    else if (declaration.type === "YES_NO") out[field] = value === true ? "yes" : value === false ? "no" : "";
    else out[field] = String(value);
  });
  return out;
}

/** A stored value for people: "Yes", "1 April 2027", "3"; "Not given" when there is none. */
export function describeAttributeValue(declaration: AttributeDeclaration, value: unknown): string {
  if (value === undefined || value === null) return "Not given";
  if (declaration.type === "YES_NO" && typeof value === "boolean") return value ? "Yes" : "No";
  if (declaration.type === "DATE" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}
