// A payment plan's calculation rule: the typed value stored as JSON on the plan (version), and its
// zod schema, which checks a stored rule and a submitted form alike and names the field in every
// message. What the rule means is in docs/plans.md#the-calculation-rule.
import { z } from "zod";
import { isIsoDate } from "@/lib/dates/london-date";
import { formatPence } from "@/lib/money";
import {
  ATTRIBUTE_TYPE_NAMES,
  ATTRIBUTE_TYPES,
  MAX_ATTRIBUTE_NAME_LENGTH,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type AttributeDeclaration,
  type AttributeType,
  type Operator,
} from "./attributes";

type Ordering = "=" | "!=" | ">" | ">=" | "<" | "<=";
type Equality = "=" | "!=";
/** A single value for a comparison; a list of them for `in`. */
type Typed<T extends AttributeType, Op extends Operator, V> = { attribute: string; type: T } & (
  { operator: Op; value: V } | { operator: "in"; value: V[] }
);

export type NumberCondition = Typed<"NUMBER", Ordering, number>;
/** Dates are YYYY-MM-DD text. */
export type DateCondition = Typed<"DATE", Ordering, string>;
export type TextCondition = Typed<"TEXT", Equality, string>;
export type OneOfCondition = Typed<"ONE_OF", Equality, string>;
export type YesNoCondition = { attribute: string; type: "YES_NO"; operator: Equality; value: boolean };
export type Condition = NumberCondition | DateCondition | TextCondition | OneOfCondition | YesNoCondition;

export type ConditionalAmount = {
  label: string;
  /** All must hold (AND). */
  conditions: Condition[];
  amountPence: number;
  countsTowardsCeiling: boolean;
};

export type CalculationRule = {
  baseAmountPence: number;
  conditionalAmounts: ConditionalAmount[];
  /** The most the counting conditional amounts may add together; null: no ceiling. */
  ceilingPence: number | null;
  /** A payment whose period amount is above this is SUSPENDED; null: no limit. */
  limitPence: number | null;
};

/** £1,000,000: 21 amounts at most this still fit Payment.amountPence (a 32-bit integer). */
export const MAX_AMOUNT_PENCE = 100_000_000;
export const MAX_CONDITIONAL_AMOUNTS = 20;
export const MAX_CONDITIONS = 10;
export const MAX_LIST_VALUES = 100;
export const MAX_LABEL_LENGTH = 100;
export const MAX_TEXT_VALUE_LENGTH = 200;

type Issue = { path: (string | number)[]; message: string };
type Declared = ReadonlyMap<string, AttributeDeclaration>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function orList(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How messages name an amount: "Enter an amount for …", "The amount for … must be £0 or more". */
type AmountName = { enter: string; subject: string };

/** Whole pence, 0 to MAX_AMOUNT_PENCE. */
function readPence(value: unknown, name: AmountName, path: Issue["path"], issues: Issue[]): number {
  const message = isBlank(value)
    ? name.enter
    : typeof value !== "number" || !Number.isInteger(value)
      ? `${name.subject} must be a whole number of pence`
      : value < 0
        ? `${name.subject} must be £0 or more`
        : value > MAX_AMOUNT_PENCE
          ? `${name.subject} must be ${formatPence(MAX_AMOUNT_PENCE)} or less`
          : null;
  if (message) issues.push({ path, message });
  return value as number;
}

function readOptionalPence(value: unknown, name: AmountName, path: Issue["path"], issues: Issue[]): number | null {
  return isBlank(value) ? null : readPence(value, name, path, issues);
}

/** Trimmed text, 1 to max characters, or null with an issue. */
function readText(value: unknown, max: number, blank: string, tooLong: string, path: Issue["path"], issues: Issue[]) {
  if (typeof value !== "string" || value.trim() === "") {
    issues.push({ path, message: blank });
    return null;
  }
  const text = value.trim();
  if (text.length > max) {
    issues.push({ path, message: tooLong });
    return null;
  }
  return text;
}

/** `one`: the message for a single value; `each`: for a list (`in`). */
type ValueCheck = { ok: (v: unknown) => boolean; normalise: (v: unknown) => unknown; one: string; each: string };

/** What a condition's value must be, by type, with the messages that say so. `where` names the condition. */
function valueCheck(type: AttributeType, where: string, declaration: AttributeDeclaration | undefined): ValueCheck {
  const identity = (v: unknown) => v;
  const trimmed = (v: unknown) => (v as string).trim();
  const text = (v: unknown) => typeof v === "string" && v.trim() !== "" && v.trim().length <= MAX_TEXT_VALUE_LENGTH;
  switch (type) {
    case "NUMBER":
      return {
        ok: (v) => typeof v === "number" && Number.isFinite(v),
        normalise: identity,
        one: `Enter a number for ${where}`,
        each: `Enter each value for ${where} as a number`,
      };
    case "DATE":
      return {
        ok: (v) => typeof v === "string" && isIsoDate(v),
        normalise: identity,
        one: `Enter a real date for ${where}, written YYYY-MM-DD`,
        each: `Enter each date for ${where} as a real date, written YYYY-MM-DD`,
      };
    case "TEXT":
      return {
        ok: text,
        normalise: trimmed,
        one: `Enter a value of up to ${MAX_TEXT_VALUE_LENGTH} characters for ${where}`,
        each: `Enter each value for ${where} as text of up to ${MAX_TEXT_VALUE_LENGTH} characters`,
      };
    case "ONE_OF": {
      const options = declaration?.type === "ONE_OF" ? declaration.options : null;
      return {
        ok: (v) => text(v) && (options === null || options.includes((v as string).trim())),
        normalise: trimmed,
        one: options ? `Choose one of the options of ${declaration!.name} for ${where}` : `Choose a value for ${where}`,
        each: options ? `Choose only options of ${declaration!.name} for ${where}` : `Choose each value for ${where} as text`,
      };
    }
    case "YES_NO":
      return { ok: (v) => typeof v === "boolean", normalise: identity, one: `Choose yes or no for ${where}`, each: "" }; // no `in`
  }
}

function readCondition(raw: unknown, where: string, path: Issue["path"], issues: Issue[], declared: Declared | null) {
  if (!isRecord(raw)) {
    issues.push({ path, message: `Enter ${where}` });
    return null;
  }
  const before = issues.length;
  const attribute = readText(
    raw.attribute,
    MAX_ATTRIBUTE_NAME_LENGTH,
    `Choose an attribute for ${where}`,
    `The attribute of ${where} must be ${MAX_ATTRIBUTE_NAME_LENGTH} characters or fewer`,
    [...path, "attribute"],
    issues,
  );
  const declaration = attribute === null ? undefined : declared?.get(attribute);
  if (attribute !== null && declared && !declaration) {
    issues.push({ path: [...path, "attribute"], message: `Choose an attribute the benefit plan declares for ${where}` });
  }

  const type = ATTRIBUTE_TYPES.find((t) => t === raw.type);
  if (!type) issues.push({ path: [...path, "type"], message: `Choose the type of the attribute for ${where}` });
  else if (declaration && declaration.type !== type) {
    issues.push({
      path: [...path, "type"],
      message: `${capitalise(where)} treats ${declaration.name} as ${ATTRIBUTE_TYPE_NAMES[type]}, but the benefit plan declares it as ${ATTRIBUTE_TYPE_NAMES[declaration.type]}`,
    });
  }

  const operator = OPERATORS.find((o) => o === raw.operator);
  if (!operator) issues.push({ path: [...path, "operator"], message: `Choose an operator for ${where}` });
  else if (type && !OPERATORS_BY_TYPE[type].includes(operator)) {
    issues.push({
      path: [...path, "operator"],
      message: `Choose ${orList(OPERATORS_BY_TYPE[type])} for ${where}: ${operator} does not suit a ${ATTRIBUTE_TYPE_NAMES[type]} attribute`,
    });
  }

  let value: unknown = raw.value;
  if (type && operator && OPERATORS_BY_TYPE[type].includes(operator)) {
    const check = valueCheck(type, where, declaration);
    if (operator === "in") {
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: [...path, "value"], message: `Enter one or more values for ${where}` });
      } else if (value.length > MAX_LIST_VALUES) {
        issues.push({ path: [...path, "value"], message: `Enter up to ${MAX_LIST_VALUES} values for ${where}` });
      } else if (!value.every(check.ok)) {
        issues.push({ path: [...path, "value"], message: check.each });
      } else value = value.map(check.normalise);
    } else if (!check.ok(value)) {
      issues.push({ path: [...path, "value"], message: check.one });
    } else value = check.normalise(value);
  }
  return issues.length > before ? null : ({ attribute, type, operator, value } as Condition);
}

function readConditionalAmount(raw: unknown, n: number, path: Issue["path"], issues: Issue[], declared: Declared | null) {
  const name = `conditional amount ${n}`;
  if (!isRecord(raw)) {
    issues.push({ path, message: `Enter ${name}` });
    return null;
  }
  const label = readText(
    raw.label,
    MAX_LABEL_LENGTH,
    `Enter a name for ${name}`,
    `The name of ${name} must be ${MAX_LABEL_LENGTH} characters or fewer`,
    [...path, "label"],
    issues,
  );
  let conditions: (Condition | null)[] = [];
  if (!Array.isArray(raw.conditions) || raw.conditions.length === 0) {
    issues.push({ path: [...path, "conditions"], message: `Add a condition to ${name}` });
  } else if (raw.conditions.length > MAX_CONDITIONS) {
    issues.push({ path: [...path, "conditions"], message: `${capitalise(name)} can have up to ${MAX_CONDITIONS} conditions` });
  } else {
    conditions = raw.conditions.map((c, i) =>
      readCondition(c, `condition ${i + 1} of ${name}`, [...path, "conditions", i], issues, declared),
    );
  }
  const amountPence = readPence(
    raw.amountPence,
    { enter: `Enter an amount for ${name}`, subject: `The amount for ${name}` },
    [...path, "amountPence"],
    issues,
  );
  if (typeof raw.countsTowardsCeiling !== "boolean") {
    issues.push({ path: [...path, "countsTowardsCeiling"], message: `Choose whether ${name} counts towards the ceiling` });
  }
  return { label, conditions, amountPence, countsTowardsCeiling: raw.countsTowardsCeiling } as ConditionalAmount;
}

function readRule(input: unknown, declared: Declared | null): { rule: CalculationRule; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!isRecord(input)) return { rule: null as never, issues: [{ path: [], message: "Enter a calculation rule" }] };
  const baseAmountPence = readPence(
    input.baseAmountPence,
    { enter: "Enter a base amount", subject: "The base amount" },
    ["baseAmountPence"],
    issues,
  );
  let conditionalAmounts: ConditionalAmount[] = [];
  const raw = input.conditionalAmounts ?? [];
  if (!Array.isArray(raw)) issues.push({ path: ["conditionalAmounts"], message: "Enter the conditional amounts as a list" });
  else if (raw.length > MAX_CONDITIONAL_AMOUNTS) {
    issues.push({
      path: ["conditionalAmounts"],
      message: `A rule can have up to ${MAX_CONDITIONAL_AMOUNTS} conditional amounts`,
    });
  } else {
    conditionalAmounts = raw.map(
      (c, i) => readConditionalAmount(c, i + 1, ["conditionalAmounts", i], issues, declared) as ConditionalAmount,
    );
  }
  const ceilingPence = readOptionalPence(
    input.ceilingPence,
    { enter: "Enter a ceiling", subject: "The ceiling" },
    ["ceilingPence"],
    issues,
  );
  const limitPence = readOptionalPence(
    input.limitPence,
    { enter: "Enter a per-payment limit", subject: "The per-payment limit" },
    ["limitPence"],
    issues,
  );
  return {
    rule: { baseAmountPence, conditionalAmounts, ceilingPence, limitPence },
    issues,
  };
}

function ruleSchema(declared: Declared | null) {
  return z.unknown().transform((input, ctx): CalculationRule => {
    const { rule, issues } = readRule(input, declared);
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return issues.length > 0 ? z.NEVER : rule;
  });
}

/**
 * A calculation rule as stored (JSON) or submitted: every problem at once, each message naming its
 * field ("Enter an amount for conditional amount 2"), issue paths such as
 * `conditionalAmounts.1.conditions.0.value` for the form's error summary. Text is trimmed.
 */
export const calculationRuleSchema = ruleSchema(null);

/**
 * The same, and every condition's attribute must be one the benefit plan declares, with the
 * declared type, and a one-of list's values must be among its options. Saving a plan uses this;
 * reading a stored version uses calculationRuleSchema (the plan's attributes may have changed since).
 */
export function calculationRuleSchemaFor(attributes: readonly AttributeDeclaration[]) {
  return ruleSchema(new Map(attributes.map((a) => [a.name, a])));
}
