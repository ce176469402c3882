// The payment plan form as the browser posts it: every value as typed (text), the rows of
// conditional amounts and their conditions, and the names of the fields and buttons. Shared by the
// form (a client component: nothing server-only here) and the code that reads and checks it.
import type { AttributeType, Operator } from "@/lib/plans/rules/attributes";
import { MAX_CONDITIONAL_AMOUNTS, MAX_CONDITIONS } from "@/lib/plans/rules/calculation-rule";

export { MAX_CONDITIONAL_AMOUNTS, MAX_CONDITIONS };

export type DateParts = { day: string; month: string; year: string };
export type ConditionValues = { attribute: string; operator: string; value: string };
export type AmountValues = { label: string; amount: string; counts: string; conditions: ConditionValues[] };

export type PlanFormValues = {
  code: string;
  name: string;
  periodicityMonths: string;
  validFrom: DateParts;
  validTo: DateParts;
  /** "yes", "no" or "" (not chosen). */
  carryOverUnpaid: string;
  letterTemplateCode: string;
  /** Pounds as typed, e.g. "50" or "50.00". */
  baseAmount: string;
  ceiling: string;
  limit: string;
  amounts: AmountValues[];
  /** A beneficiary's person reference, for the preview. */
  previewReference: string;
};

export const PERIODICITY_MIN = 1;
export const PERIODICITY_MAX = 12;

export const emptyDate = (): DateParts => ({ day: "", month: "", year: "" });
export const emptyCondition = (): ConditionValues => ({ attribute: "", operator: "", value: "" });
export const emptyAmount = (): AmountValues => ({ label: "", amount: "", counts: "", conditions: [emptyCondition()] });

export function emptyPlanForm(): PlanFormValues {
  return {
    code: "",
    name: "",
    periodicityMonths: "",
    validFrom: emptyDate(),
    validTo: emptyDate(),
    carryOverUnpaid: "",
    letterTemplateCode: "",
    baseAmount: "",
    ceiling: "",
    limit: "",
    amounts: [],
    previewReference: "",
  };
}

/** Field names (and element ids) of a conditional amount's row, numbered from 1 as people read them. */
export const amountField = (n: number, part: "label" | "amount" | "counts" | "conditionCount" | "remove" | "addCondition") =>
  `amount-${n}-${part}`;
export const conditionField = (n: number, m: number, part: "attribute" | "operator" | "value" | "remove") =>
  `amount-${n}-condition-${m}-${part}`;
export const dayField = (name: "validFrom" | "validTo") => `${name}-day`;

export const AMOUNT_COUNT = "amountCount";
export const ADD_AMOUNT = "add-amount";
export const AMOUNTS_HEADING = "conditional-amounts";
/** The submit buttons all post `intent`; row buttons name the row. */
export const INTENT = "intent";

export type Intent =
  | { kind: "save" }
  | { kind: "preview" }
  | { kind: "add-amount" }
  | { kind: "remove-amount"; amount: number }
  | { kind: "add-condition"; amount: number }
  | { kind: "remove-condition"; amount: number; condition: number };

export function intentValue(intent: Intent): string {
  switch (intent.kind) {
    case "save":
    case "preview":
    case "add-amount":
      return intent.kind;
    case "remove-amount":
    case "add-condition":
      return `${intent.kind}:${intent.amount}`;
    case "remove-condition":
      return `${intent.kind}:${intent.amount}:${intent.condition}`;
  }
}

/** Every field that can carry an error, in the form's order: the error summary's order. */
export function planFormFieldOrder(values: PlanFormValues, options: { creating: boolean }): string[] {
  return [
    ...(options.creating ? ["code"] : []),
    "name",
    "periodicityMonths",
    dayField("validFrom"),
    dayField("validTo"),
    "carryOverUnpaid",
    "letterTemplateCode",
    "baseAmount",
    ...values.amounts.flatMap((amount, i) => [
      amountField(i + 1, "label"),
      amountField(i + 1, "amount"),
      amountField(i + 1, "counts"),
      ...amount.conditions.flatMap((_, j) =>
        (["attribute", "operator", "value"] as const).map((part) => conditionField(i + 1, j + 1, part)),
      ),
      amountField(i + 1, "addCondition"),
    ]),
    ADD_AMOUNT,
    "ceiling",
    "limit",
    "previewReference",
  ];
}

/** How the operator list reads, by the attribute's type ("at least" for a number, "on or after" for a date). */
export function operatorLabel(type: AttributeType | undefined, operator: Operator): string {
  const words: Record<Operator, string> = {
    "=": "is",
    "!=": "is not",
    ">": type === "DATE" ? "is after" : "is more than",
    ">=": type === "DATE" ? "is on or after" : "is at least",
    "<": type === "DATE" ? "is before" : "is less than",
    "<=": type === "DATE" ? "is on or before" : "is at most",
    in: "is one of",
  };
  return `${words[operator]} (${operator})`;
}

/** What to type in a condition's value box, by type and operator. */
export function valueHint(type: AttributeType | undefined, operator: string, options?: readonly string[]): string {
  const list = operator === "in";
  switch (type) {
    case "NUMBER":
      return list ? "Numbers separated by commas, for example 3, 4, 5" : "A number, for example 3";
    case "DATE":
      return list ? "Dates written YYYY-MM-DD, separated by commas" : "A date written YYYY-MM-DD, for example 1960-01-31";
    case "TEXT":
      return list ? "Values separated by commas; capital letters do not matter" : "Capital letters do not matter";
    case "ONE_OF":
      return list ? `Options separated by commas: ${(options ?? []).join(", ")}` : "One of the options";
    case "YES_NO":
      return "Yes or no";
    default:
      return "Choose an attribute first";
  }
}
