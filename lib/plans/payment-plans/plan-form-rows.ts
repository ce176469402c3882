// "Add another conditional amount", "Add a condition" and their "Remove" buttons: submit buttons
// that return the form with a row more or less, so the form works without JavaScript. Each says
// where focus goes next: the new row's first field, or the section heading after a removal.
import {
  AMOUNTS_HEADING,
  amountField,
  conditionField,
  emptyAmount,
  emptyCondition,
  MAX_CONDITIONAL_AMOUNTS,
  MAX_CONDITIONS,
  type Intent,
  type PlanFormValues,
} from "./plan-form-fields";

export type RowChange = { values: PlanFormValues; focus: string };

type RowIntent = Extract<Intent, { kind: "add-amount" | "remove-amount" | "add-condition" | "remove-condition" }>;

export function isRowIntent(intent: Intent): intent is RowIntent {
  return intent.kind !== "save" && intent.kind !== "preview";
}

/** The form with the row added or removed; a button for a row that is not there changes nothing. */
export function applyRowIntent(values: PlanFormValues, intent: RowIntent): RowChange {
  const amounts = values.amounts;
  const unchanged = { values, focus: AMOUNTS_HEADING };
  switch (intent.kind) {
    case "add-amount": {
      if (amounts.length >= MAX_CONDITIONAL_AMOUNTS) return unchanged;
      return { values: { ...values, amounts: [...amounts, emptyAmount()] }, focus: amountField(amounts.length + 1, "label") };
    }
    case "remove-amount": {
      if (intent.amount < 1 || intent.amount > amounts.length) return unchanged;
      return { values: { ...values, amounts: amounts.filter((_, i) => i !== intent.amount - 1) }, focus: AMOUNTS_HEADING };
    }
    case "add-condition": {
      const row = amounts[intent.amount - 1];
      if (!row || row.conditions.length >= MAX_CONDITIONS) return unchanged;
      const next = { ...row, conditions: [...row.conditions, emptyCondition()] };
      return {
        values: { ...values, amounts: amounts.map((a, i) => (i === intent.amount - 1 ? next : a)) },
        focus: conditionField(intent.amount, next.conditions.length, "attribute"),
      };
    }
    case "remove-condition": {
      const row = amounts[intent.amount - 1];
      if (!row || intent.condition < 1 || intent.condition > row.conditions.length) return unchanged;
      const next = { ...row, conditions: row.conditions.filter((_, j) => j !== intent.condition - 1) };
      return {
        values: { ...values, amounts: amounts.map((a, i) => (i === intent.amount - 1 ? next : a)) },
        focus: amountField(intent.amount, "label"),
      };
    }
  }
}
