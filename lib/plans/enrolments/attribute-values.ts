// A beneficiary's attribute values, typed as the benefit plan declares them and stored as one JSON
// object keyed by attribute name (docs/plans.md#attributes-and-conditions). A blank input stores
// nothing: a missing value never matches a condition, so nobody is paid on data we do not have.
import { isIsoDate, longDate } from "@/lib/dates/london-date";
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
  const typed = typedAttributeValue(declaration, read(field) ?? "");
  return isAttributeProblem(typed) ? { error: FORM_MESSAGES[typed.problem](name) } : typed;
}

/** What can be wrong with a value typed as text: the form and the enrolment file word it each their way. */
export type AttributeProblem = { problem: "NUMBER" | "TOO_LONG" | "YES_NO" | "ONE_OF" | "DATE" };

const FORM_MESSAGES: Record<AttributeProblem["problem"], (name: string) => string> = {
  NUMBER: (name) => `${name} must be a number, like 3 or 2.5`,
  TOO_LONG: (name) => `${name} must be ${MAX_TEXT_VALUE_LENGTH} characters or fewer`,
  YES_NO: (name) => `Choose yes or no for ${name}`,
  ONE_OF: (name) => `Choose one of the options for ${name}`,
  DATE: (name) => `${name} must be a real date, like 1 4 2027`,
};

export function isAttributeProblem(value: AttributeValue | AttributeProblem | undefined): value is AttributeProblem {
  return typeof value === "object";
}

/**
 * A value from its text, as typed in the form or written in an enrolment file: trimmed, undefined
 * when blank (nothing is stored), a date as YYYY-MM-DD (the form's three boxes and the file's other
 * spelling are turned into it first). The form's yes/no and options come from its own inputs, so
 * they match exactly; a file's are typed by people, so `ignoreCase` matches them ignoring case (a
 * one-of value is still stored as declared).
 */
export function typedAttributeValue(
  declaration: AttributeDeclaration,
  raw: string,
  options: { ignoreCase?: boolean } = {},
): AttributeValue | AttributeProblem | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  const same = (a: string, b: string) => a === b || (options.ignoreCase === true && a.toLowerCase() === b.toLowerCase());
  switch (declaration.type) {
    case "NUMBER":
      return NUMBER.test(text) ? Number(text) : { problem: "NUMBER" };
    case "TEXT":
      return text.length <= MAX_TEXT_VALUE_LENGTH ? text : { problem: "TOO_LONG" };
    case "YES_NO":
      return same(text, "yes") ? true : same(text, "no") ? false : { problem: "YES_NO" };
    case "ONE_OF":
      return (
        declaration.options.find((o) => o === text) ?? declaration.options.find((o) => same(o, text)) ?? { problem: "ONE_OF" }
      );
    case "DATE":
      return isIsoDate(text) ? text : { problem: "DATE" };
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
