import type { ClaimIntake } from "@/lib/claims/intake/claim-intake-schema";
import { expenseTypeLabels } from "@/lib/claims/expense-types";
import { longDate } from "@/lib/dates/london-date";
import { formatPence } from "@/lib/money";
import { expenseLineCount, field, type KeyInFormFields } from "./key-in-claim-schema";
import {
  contactPreferenceOptions,
  DATE_OF_BIRTH,
  dayFieldId,
  EVENT_DATE,
  EXPENSE_COUNT,
  EXPENSE_PARTS,
  expenseFieldId,
  INTENT,
  MAX_EXPENSES,
  paymentMethodOptions,
  type KeyInIntent,
} from "./key-in-fields";

// The key-in form's steps, worked out on the server so that they work without JavaScript: every
// button submits the whole form with an intent, and the answer draws the form again (one more or
// one fewer expense line, or the field to change) or the check-your-answers summary. Nothing is
// written before "Submit claim". Pure.

export type AnswerRow = { key: string; value: string[]; change: string };
export type AnswerSection = { title: string; rows: AnswerRow[] };

/** What the form is drawn with after a step: carried in the action result's data. */
export type KeyInState = {
  stage: "form" | "check";
  values: Record<string, string>;
  lines: number;
  /** The element to move focus to once drawn (a new line, the field to change). */
  focus?: string;
  answers?: AnswerSection[];
  /** Moves on with every answer, so the form is drawn afresh with the values it carries. */
  attempt: number;
};

export const ATTEMPT = "attempt";

export function readIntent(fields: KeyInFormFields): { intent: KeyInIntent; argument: string } {
  const [intent, argument = ""] = (field(fields, INTENT) ?? "check").split(":");
  const known: KeyInIntent[] = ["add-expense", "remove-expense", "check", "change", "submit"];
  return { intent: known.includes(intent as KeyInIntent) ? (intent as KeyInIntent) : "check", argument };
}

/** What was typed, as text, without the step's own fields. */
export function formValues(fields: KeyInFormFields): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === "string" && name !== INTENT && name !== ATTEMPT) values[name] = text;
  }
  return values;
}

export function nextAttempt(fields: KeyInFormFields): number {
  const attempt = Number(field(fields, ATTEMPT));
  return Number.isSafeInteger(attempt) && attempt >= 0 ? attempt + 1 : 1;
}

/** "Add another expense": one more line (up to 20), focus on its type. */
export function addExpenseLine(fields: KeyInFormFields): Pick<KeyInState, "values" | "lines" | "focus"> {
  const lines = Math.min(expenseLineCount(fields) + 1, MAX_EXPENSES);
  return { values: { ...formValues(fields), [EXPENSE_COUNT]: String(lines) }, lines, focus: expenseFieldId(lines, "type") };
}

/** "Remove" on line `line`: the lines after it move up one, so what was typed stays with its line. */
export function removeExpenseLine(fields: KeyInFormFields, line: number): Pick<KeyInState, "values" | "lines" | "focus"> {
  const before = expenseLineCount(fields);
  const values = formValues(fields);
  if (!Number.isInteger(line) || line < 1 || line > before || before === 1) {
    return { values, lines: before, focus: "expenses-heading" };
  }
  for (let from = line + 1; from <= before; from++) {
    for (const part of EXPENSE_PARTS) values[expenseFieldId(from - 1, part)] = values[expenseFieldId(from, part)] ?? "";
  }
  for (const part of EXPENSE_PARTS) delete values[expenseFieldId(before, part)];
  const lines = before - 1;
  values[EXPENSE_COUNT] = String(lines);
  return { values, lines, focus: "expenses-heading" };
}

/** Before checking: blank lines dropped and the rest numbered from 1, as the summary shows them. */
export function compactExpenseLines(fields: KeyInFormFields): Record<string, string> {
  const values = formValues(fields);
  const lines = expenseLineCount(fields);
  const kept: Record<string, string>[] = [];
  for (let line = 1; line <= lines; line++) {
    const parts = Object.fromEntries(EXPENSE_PARTS.map((part) => [part, values[expenseFieldId(line, part)] ?? ""]));
    for (const part of EXPENSE_PARTS) delete values[expenseFieldId(line, part)];
    if (Object.values(parts).some((v) => v.trim() !== "")) kept.push(parts);
  }
  if (kept.length === 0) kept.push({});
  kept.forEach((parts, i) => {
    for (const part of EXPENSE_PARTS) values[expenseFieldId(i + 1, part)] = parts[part] ?? "";
  });
  values[EXPENSE_COUNT] = String(kept.length);
  return values;
}

const CONTACT = Object.fromEntries(contactPreferenceOptions.map((o) => [o.value, o.label]));
const METHOD = Object.fromEntries(paymentMethodOptions.map((o) => [o.value, o.label]));

/**
 * The check-your-answers summary of a valid intake, as it will be saved (postcode and sort code
 * tidied, pounds and pence), each row naming the field its "Change" goes back to. Expense lines
 * are those of a compacted form (compactExpenseLines), so expense N is the form's line N.
 */
export function checkAnswers(intake: ClaimIntake): AnswerSection[] {
  const { claimant } = intake;
  const address = claimant.address;
  const total = intake.expenses.reduce((sum, e) => sum + e.amountPence, 0);
  const contactRows: AnswerRow[] = [
    { key: "How to contact them", value: [CONTACT[claimant.contactPreference]], change: "contactPreference" },
  ];
  if (claimant.contactPreference === "EMAIL" && claimant.email) {
    contactRows.push({ key: "Email address", value: [claimant.email], change: "email" });
  }
  if (claimant.contactPreference === "SMS" && claimant.phone) {
    contactRows.push({ key: "Phone number", value: [claimant.phone], change: "phone" });
  }
  const paymentRows: AnswerRow[] = [
    { key: "How they want to be paid", value: [METHOD[intake.paymentMethod]], change: "paymentMethod" },
  ];
  if (intake.paymentMethod === "BANK" && intake.bankDetails) {
    const bank = intake.bankDetails;
    paymentRows.push(
      { key: "Name on the account", value: [bank.nameOnAccount], change: "nameOnAccount" },
      { key: "Sort code", value: [bank.sortCode.replace(/^(\d\d)(\d\d)(\d\d)$/, "$1-$2-$3")], change: "sortCode" },
      { key: "Account number", value: [bank.accountNumber], change: "accountNumber" },
      { key: "Building society roll number", value: [bank.rollNumber ?? "None"], change: "rollNumber" },
    );
  }
  return [
    {
      title: "Claimant",
      rows: [
        { key: "Name", value: [`${claimant.firstName} ${claimant.lastName}`], change: "firstName" },
        { key: "Date of birth", value: [longDate(claimant.dateOfBirth)], change: dayFieldId(DATE_OF_BIRTH) },
        {
          key: "Address",
          value: [address.line1, address.line2, address.town, address.county, address.postcode, address.country].filter(
            (line): line is string => Boolean(line),
          ),
          change: "addressLine1",
        },
        ...contactRows,
      ],
    },
    {
      title: "Claim",
      rows: [
        { key: "Date of the event", value: [longDate(intake.eventDate)], change: dayFieldId(EVENT_DATE) },
        ...intake.expenses.map((expense, i) => ({
          key: `Expense ${i + 1}`,
          value: [`${expenseTypeLabels[expense.type]}: ${expense.description}`, formatPence(expense.amountPence)],
          change: expenseFieldId(i + 1, "type"),
        })),
        { key: "Total claimed", value: [formatPence(total)], change: "" },
      ],
    },
    { title: "Payment", rows: paymentRows },
  ];
}
