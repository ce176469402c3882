// Whether a beneficiary's attribute values meet a condition. The SQL compiler
// (lib/plans/compile-rule-sql.ts) mirrors these comparisons exactly, and a property test holds the
// two together; the semantics are in docs/plans.md#how-values-compare.
import type { Condition } from "./calculation-rule";

/** Attribute values as stored (a JSON object): absent, null or of the wrong type means missing. */
export type AttributeValues = Readonly<Record<string, unknown>>;

/** YYYY-MM-DD by shape only: such text sorts as the calendar does. */
export const DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

const UPPER = /[A-Z]/g;

/**
 * Text compares ignoring the case of A-Z only. Full Unicode case folding differs between JavaScript
 * and the database's locale; folding ASCII letters alone is the same everywhere (SQL's translate()).
 */
export function foldTextCase(text: string): string {
  return text.replace(UPPER, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function ordered<T extends number | string>(operator: Condition["operator"], a: T, b: T): boolean {
  switch (operator) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "in":
      throw new Error("in is not an ordering");
  }
}

function ownValue(attributes: AttributeValues, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined;
}

/** A missing value (absent, null, or not of the condition's type) meets no condition, not even `!=`. */
export function conditionMatches(condition: Condition, attributes: AttributeValues): boolean {
  const value = ownValue(attributes, condition.attribute);
  switch (condition.type) {
    case "NUMBER":
      if (typeof value !== "number" || !Number.isFinite(value)) return false;
      return condition.operator === "in" ? condition.value.includes(value) : ordered(condition.operator, value, condition.value);
    case "DATE":
      if (typeof value !== "string" || !DATE_SHAPE.test(value)) return false;
      return condition.operator === "in" ? condition.value.includes(value) : ordered(condition.operator, value, condition.value);
    case "TEXT": {
      if (typeof value !== "string") return false;
      const folded = foldTextCase(value);
      if (condition.operator === "in") return condition.value.some((v) => foldTextCase(v) === folded);
      return ordered(condition.operator, folded, foldTextCase(condition.value));
    }
    case "ONE_OF":
      if (typeof value !== "string") return false;
      return condition.operator === "in" ? condition.value.includes(value) : ordered(condition.operator, value, condition.value);
    case "YES_NO":
      if (typeof value !== "boolean") return false;
      return condition.operator === "=" ? value === condition.value : value !== condition.value;
  }
}

/** All of a conditional amount's conditions (AND). */
export function allConditionsMatch(conditions: readonly Condition[], attributes: AttributeValues): boolean {
  return conditions.every((c) => conditionMatches(c, attributes));
}
