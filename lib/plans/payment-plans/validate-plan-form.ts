// The payment plan form checked: the plan's own fields here, the calculation rule by
// calculationRuleSchemaFor(the benefit plan's attributes), every problem at once and each message
// keyed by the form field to link to. Pure: values and attributes in, a plan or field errors out.
import { isIsoDate } from "@/lib/dates/london-date";
import { parsePoundsToPence } from "@/lib/money";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { calculationRuleSchemaFor, type CalculationRule } from "@/lib/plans/rules/calculation-rule";
import {
  ADD_AMOUNT,
  amountField,
  conditionField,
  dayField,
  PERIODICITY_MAX,
  PERIODICITY_MIN,
  type DateParts,
  type PlanFormValues,
} from "./plan-form-fields";

export type FieldErrors = Record<string, string[]>;

/** What a plan is besides its rule. The code is set when the plan is created and never changes. */
export type PlanDetails = {
  name: string;
  periodicityMonths: number;
  /** YYYY-MM-DD, the first day of a month. */
  validFrom: string;
  /** YYYY-MM-DD, the last day of a month; null: open-ended. */
  validTo: string | null;
  carryOverUnpaid: boolean;
  /** Column 19 of the Payout file for the plan's cash payments; null: the setting's. */
  letterTemplateCode: string | null;
};

export const MAX_CODE_LENGTH = 20;
export const MAX_NAME_LENGTH = 100;
const CODE = /^[A-Z0-9-]+$/;
/** As the Payout letter template setting allows (lib/config/schema.ts). */
const LETTER_TEMPLATE_CODE = /^[A-Za-z0-9-]{1,40}$/;

function add(errors: FieldErrors, field: string, message: string) {
  const list = (errors[field] ??= []);
  if (!list.includes(message)) list.push(message);
}

/** Blank: undefined; not a real date: null; otherwise YYYY-MM-DD. */
function isoFromParts(parts: DateParts): string | null | undefined {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

function isLastDayOfMonth(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/** The code a new plan is given: letters (stored as capitals), digits and hyphens. */
export function checkPlanCode(raw: string, errors: FieldErrors): string | null {
  const code = raw.trim().toUpperCase();
  if (!code) add(errors, "code", "Enter a code for the payment plan");
  else if (code.length > MAX_CODE_LENGTH) add(errors, "code", `The code must be ${MAX_CODE_LENGTH} characters or fewer`);
  else if (!CODE.test(code)) add(errors, "code", "The code can only have letters, digits and hyphens");
  else return code;
  return null;
}

export function checkPlanDetails(values: PlanFormValues, errors: FieldErrors): PlanDetails | null {
  const before = Object.keys(errors).length;
  const name = values.name.trim();
  if (!name) add(errors, "name", "Enter a name for the payment plan");
  else if (name.length > MAX_NAME_LENGTH) add(errors, "name", `The name must be ${MAX_NAME_LENGTH} characters or fewer`);

  const periodicity = values.periodicityMonths.trim();
  const periodicityMonths = Number(periodicity);
  if (!periodicity) add(errors, "periodicityMonths", "Choose how often the plan pays");
  else if (!/^\d{1,2}$/.test(periodicity) || periodicityMonths < PERIODICITY_MIN || periodicityMonths > PERIODICITY_MAX) {
    add(errors, "periodicityMonths", `Choose a period of ${PERIODICITY_MIN} to ${PERIODICITY_MAX} whole months`);
  }

  const validFrom = isoFromParts(values.validFrom);
  if (validFrom === undefined) add(errors, dayField("validFrom"), "Enter the date the plan is valid from");
  else if (validFrom === null) add(errors, dayField("validFrom"), "The date the plan is valid from must be a real date");
  else if (!validFrom.endsWith("-01")) {
    add(errors, dayField("validFrom"), "The plan must be valid from the first day of a month: its periods are whole months");
  }
  const validTo = isoFromParts(values.validTo);
  if (validTo === null) add(errors, dayField("validTo"), "The date the plan is valid to must be a real date");
  else if (validTo !== undefined && !isLastDayOfMonth(validTo)) {
    add(errors, dayField("validTo"), "The plan must be valid to the last day of a month: its periods are whole months");
  } else if (validTo && validFrom && validTo < validFrom) {
    add(errors, dayField("validTo"), "The date the plan is valid to must be after the date it is valid from");
  }

  if (values.carryOverUnpaid !== "yes" && values.carryOverUnpaid !== "no") {
    add(errors, "carryOverUnpaid", "Choose whether unpaid amounts are carried into the next cycle");
  }
  const letterTemplateCode = values.letterTemplateCode.trim();
  if (letterTemplateCode && !LETTER_TEMPLATE_CODE.test(letterTemplateCode)) {
    add(errors, "letterTemplateCode", "The letter template code can only have letters, digits and hyphens, up to 40 characters");
  }
  if (Object.keys(errors).length > before) return null;
  return {
    name,
    periodicityMonths,
    validFrom: validFrom!,
    validTo: validTo ?? null,
    carryOverUnpaid: values.carryOverUnpaid === "yes",
    letterTemplateCode: letterTemplateCode || null,
  };
}

/** Pounds as typed -> pence; text that is not an amount stays text, for its own message. */
function pence(raw: string): number | string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  return parsePoundsToPence(trimmed) ?? trimmed;
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function conditionValue(type: AttributeDeclaration["type"] | undefined, raw: string): unknown {
  const one = (v: string): unknown => {
    const t = v.trim();
    if (!t) return undefined;
    if (type === "NUMBER") return NUMBER.test(t) ? Number(t) : t;
    if (type === "YES_NO") return /^(yes|true)$/i.test(t) ? true : /^(no|false)$/i.test(t) ? false : t;
    return t;
  };
  return one(raw);
}

/** The rule as calculationRuleSchemaFor reads it, from the form's text. */
function ruleInput(values: PlanFormValues, declared: ReadonlyMap<string, AttributeDeclaration>) {
  return {
    baseAmountPence: pence(values.baseAmount),
    conditionalAmounts: values.amounts.map((a) => ({
      label: a.label,
      conditions: a.conditions.map((c) => {
        const type = declared.get(c.attribute.trim())?.type;
        const value =
          c.operator === "in"
            ? c.value
                .split(",")
                .map((v) => conditionValue(type, v))
                .filter((v) => v !== undefined)
            : conditionValue(type, c.value);
        return { attribute: c.attribute, type, operator: c.operator || undefined, value };
      }),
      amountPence: pence(a.amount),
      countsTowardsCeiling: a.counts === "yes" ? true : a.counts === "no" ? false : undefined,
    })),
    ceilingPence: pence(values.ceiling) ?? null,
    limitPence: pence(values.limit) ?? null,
  };
}

/** The form field a rule issue belongs to, e.g. conditionalAmounts.1.conditions.0.value -> amount-2-condition-1-value. */
export function fieldForRulePath(path: readonly PropertyKey[]): string {
  const [first, i, part, j, conditionPart] = path;
  if (first === "ceilingPence") return "ceiling";
  if (first === "limitPence") return "limit";
  if (first !== "conditionalAmounts") return "baseAmount";
  if (typeof i !== "number") return ADD_AMOUNT;
  const n = i + 1;
  if (part === "label") return amountField(n, "label");
  if (part === "amountPence") return amountField(n, "amount");
  if (part === "countsTowardsCeiling") return amountField(n, "counts");
  if (part === "conditions" && typeof j === "number") {
    const which = conditionPart === "operator" ? "operator" : conditionPart === "value" ? "value" : "attribute";
    return conditionField(n, j + 1, which);
  }
  if (part === "conditions") return amountField(n, "addCondition");
  return amountField(n, "label");
}

/** What people typed is pounds: say so, rather than the rule's "whole number of pence". */
function moneyFields(values: PlanFormValues): Map<string, { raw: string; name: string }> {
  const fields = new Map<string, { raw: string; name: string }>([
    ["baseAmount", { raw: values.baseAmount, name: "The base amount" }],
    ["ceiling", { raw: values.ceiling, name: "The ceiling" }],
    ["limit", { raw: values.limit, name: "The per-payment limit" }],
  ]);
  values.amounts.forEach((a, i) =>
    fields.set(amountField(i + 1, "amount"), { raw: a.amount, name: `The amount for conditional amount ${i + 1}` }),
  );
  return fields;
}

export function checkRuleForm(
  values: PlanFormValues,
  attributes: readonly AttributeDeclaration[],
  errors: FieldErrors,
): CalculationRule | null {
  const declared = new Map(attributes.map((a) => [a.name, a]));
  const parsed = calculationRuleSchemaFor(attributes).safeParse(ruleInput(values, declared));
  if (parsed.success) return parsed.data;
  const money = moneyFields(values);
  for (const issue of parsed.error.issues) {
    const field = fieldForRulePath(issue.path);
    const typed = money.get(field);
    const unreadable = typed && typed.raw.trim() && parsePoundsToPence(typed.raw.trim()) === null;
    add(errors, field, unreadable ? `${typed.name} must be in pounds and pence, like 12.50` : issue.message);
  }
  return null;
}

export type CheckedPlanForm =
  { ok: true; code: string | null; details: PlanDetails; rule: CalculationRule } | { ok: false; fieldErrors: FieldErrors };

/** The whole form, for saving: a new plan's code too when `creating`. */
export function checkPlanForm(
  values: PlanFormValues,
  options: { attributes: readonly AttributeDeclaration[]; creating: boolean },
): CheckedPlanForm {
  const errors: FieldErrors = {};
  const code = options.creating ? checkPlanCode(values.code, errors) : null;
  const details = checkPlanDetails(values, errors);
  const rule = checkRuleForm(values, options.attributes, errors);
  if (!details || !rule || Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, code, details, rule };
}
