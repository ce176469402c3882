// The payment point form checked: every problem at once, each message keyed by the form field to
// link to. The filters are checked as the payment plan form checks a conditional amount's
// conditions (checkRuleForm, hence calculationRuleSchemaFor the benefit plan's attributes): the same
// reading of typed values, the same messages, with "filter n" for "condition n of conditional
// amount 1". Pure: values, attributes and the choices in; a point or field errors out.
import { emptyPlanForm } from "@/lib/plans/payment-plans/plan-form-fields";
import { checkRuleForm, type FieldErrors } from "@/lib/plans/payment-plans/validate-plan-form";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { filtersOfRule } from "./point-filters";
import { ADD_FILTER, filterField, type ConditionValues, type PointFormValues } from "./point-form-fields";

export type { FieldErrors };

export const MAX_POINT_NAME_LENGTH = 100;

/** A point as saved, less its benefit plan (chosen first, fixed). */
export type PointDetails = { name: string; managerId: string; position: number; filters: Condition[] };

function add(errors: FieldErrors, field: string, message: string) {
  const list = (errors[field] ??= []);
  if (!list.includes(message)) list.push(message);
}

const isBlank = (row: ConditionValues) => !row.attribute.trim() && !row.operator.trim() && !row.value.trim();

/** "condition 2 of conditional amount 1" -> "filter 2" (and capitalised), in one of checkRuleForm's messages. */
function asFilterMessage(message: string, ruleNumber: number, filterNumber: number): string {
  return message
    .replaceAll(`Condition ${ruleNumber} of conditional amount 1`, `Filter ${filterNumber}`)
    .replaceAll(`condition ${ruleNumber} of conditional amount 1`, `filter ${filterNumber}`);
}

const RULE_FIELD = /^amount-1-condition-(\d+)-(attribute|operator|value)$/;

/** The filter rows as conditions; rows left wholly blank are no filter. */
export function checkPointFilters(
  rows: readonly ConditionValues[],
  attributes: readonly AttributeDeclaration[],
  errors: FieldErrors,
): Condition[] | null {
  const used = rows.map((row, i) => ({ row, n: i + 1 })).filter(({ row }) => !isBlank(row));
  if (used.length === 0) return [];
  const ruleErrors: FieldErrors = {};
  const rule = checkRuleForm(
    {
      ...emptyPlanForm(),
      baseAmount: "0",
      amounts: [{ label: "Filters", amount: "0", counts: "no", conditions: used.map((u) => u.row) }],
    },
    attributes,
    ruleErrors,
  );
  for (const [field, messages] of Object.entries(ruleErrors)) {
    const match = RULE_FIELD.exec(field);
    const ruleNumber = match ? Number(match[1]) : 0;
    const filterNumber = used[ruleNumber - 1]?.n;
    for (const message of messages) {
      if (match && filterNumber) {
        add(errors, filterField(filterNumber, match[2] as "attribute"), asFilterMessage(message, ruleNumber, filterNumber));
      } else add(errors, ADD_FILTER, message);
    }
  }
  return rule ? filtersOfRule(rule) : null;
}

export type CheckedPointForm = { ok: true; point: PointDetails } | { ok: false; fieldErrors: FieldErrors };

export function checkPointForm(
  values: PointFormValues,
  options: {
    attributes: readonly AttributeDeclaration[];
    /** Who may manage a point: the active users listed on the form. */
    managerIds: readonly string[];
    /** The last position on offer: the number of the plan's points (one more for a new point). */
    maxPosition: number;
  },
): CheckedPointForm {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) add(errors, "name", "Enter a name for the payment point");
  else if (name.length > MAX_POINT_NAME_LENGTH) {
    add(errors, "name", `The name must be ${MAX_POINT_NAME_LENGTH} characters or fewer`);
  }

  const managerId = values.managerId.trim().toLowerCase();
  if (!managerId) add(errors, "managerId", "Choose the point's manager");
  else if (!options.managerIds.includes(managerId)) {
    add(errors, "managerId", "Choose a manager from the list: that user cannot be found or cannot sign in");
  }

  const positionText = values.position.trim();
  const position = Number(positionText);
  if (!/^\d{1,4}$/.test(positionText) || position < 1 || position > options.maxPosition) {
    add(
      errors,
      "position",
      options.maxPosition === 1 ? "Choose position 1" : `Choose a position from 1 to ${options.maxPosition}`,
    );
  }

  const filters = checkPointFilters(values.filters, options.attributes, errors);
  if (filters === null || Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, point: { name, managerId, position, filters } };
}
