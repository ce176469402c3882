// The posted payment plan form read back into its values (text as typed) and the button pressed.
// Row counts come from hidden fields and are clamped, so a crafted post cannot make rows without end.
import {
  AMOUNT_COUNT,
  amountField,
  conditionField,
  INTENT,
  MAX_CONDITIONAL_AMOUNTS,
  MAX_CONDITIONS,
  type AmountValues,
  type DateParts,
  type Intent,
  type PlanFormValues,
} from "./plan-form-fields";

export type PostedFields = Readonly<Record<string, unknown>>;

function text(fields: PostedFields, name: string): string {
  const value = fields[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

function count(fields: PostedFields, name: string, max: number): number {
  const raw = text(fields, name).trim();
  if (!/^\d{1,3}$/.test(raw)) return 0;
  return Math.min(Number(raw), max);
}

function date(fields: PostedFields, name: string): DateParts {
  return { day: text(fields, `${name}-day`), month: text(fields, `${name}-month`), year: text(fields, `${name}-year`) };
}

function amountRow(fields: PostedFields, n: number): AmountValues {
  const conditions = Array.from({ length: count(fields, amountField(n, "conditionCount"), MAX_CONDITIONS) }, (_, j) => ({
    attribute: text(fields, conditionField(n, j + 1, "attribute")),
    operator: text(fields, conditionField(n, j + 1, "operator")),
    value: text(fields, conditionField(n, j + 1, "value")),
  }));
  return {
    label: text(fields, amountField(n, "label")),
    amount: text(fields, amountField(n, "amount")),
    counts: text(fields, amountField(n, "counts")),
    conditions,
  };
}

const ROW_INTENT = /^(remove-amount|add-condition):(\d{1,2})$/;
const CONDITION_INTENT = /^remove-condition:(\d{1,2}):(\d{1,2})$/;

/** The button pressed; null for anything else (a form posted without one). */
export function parseIntent(value: string): Intent | null {
  if (value === "save" || value === "preview" || value === "add-amount") return { kind: value };
  const row = ROW_INTENT.exec(value);
  if (row) return { kind: row[1] as "remove-amount" | "add-condition", amount: Number(row[2]) };
  const condition = CONDITION_INTENT.exec(value);
  if (condition) return { kind: "remove-condition", amount: Number(condition[1]), condition: Number(condition[2]) };
  return null;
}

export function parsePlanForm(fields: PostedFields): { values: PlanFormValues; intent: Intent | null } {
  const values: PlanFormValues = {
    code: text(fields, "code"),
    name: text(fields, "name"),
    periodicityMonths: text(fields, "periodicityMonths"),
    validFrom: date(fields, "validFrom"),
    validTo: date(fields, "validTo"),
    carryOverUnpaid: text(fields, "carryOverUnpaid"),
    letterTemplateCode: text(fields, "letterTemplateCode"),
    baseAmount: text(fields, "baseAmount"),
    ceiling: text(fields, "ceiling"),
    limit: text(fields, "limit"),
    amounts: Array.from({ length: count(fields, AMOUNT_COUNT, MAX_CONDITIONAL_AMOUNTS) }, (_, i) => amountRow(fields, i + 1)),
    previewReference: text(fields, "previewReference"),
  };
  return { values, intent: parseIntent(text(fields, INTENT)) };
}
