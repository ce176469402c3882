import type { ContactPreference, PaymentMethod } from "@/lib/generated/prisma/enums";

// The key-in form's field names, shared by the form and the code that turns it into an intake.
// No server-only imports: the client form bundles this.

/** The intake's most expense lines (MAX_EXPENSE_LINES; key-in-claim-form.test.ts keeps them in step). */
export const MAX_EXPENSES = 20;

/** How many expense lines the form shows: a hidden field, moved by "Add another expense" and "Remove". */
export const EXPENSE_COUNT = "expenseCount";

/** What the pressed button asks for; "change" carries the field to go back to after a colon. */
export const INTENT = "intent";
export type KeyInIntent = "add-expense" | "remove-expense" | "check" | "change" | "submit";

export type ExpensePart = "type" | "description" | "amount";
export const EXPENSE_PARTS: ExpensePart[] = ["type", "description", "amount"];

export function expenseFieldId(line: number, part: ExpensePart): string {
  return `expense-${line}-${part}`;
}

/** Date inputs submit `<name>-day`, `-month`, `-year`; errors link to the day box. */
export const DATE_OF_BIRTH = "dateOfBirth";
export const EVENT_DATE = "eventDate";
export const dayFieldId = (name: string) => `${name}-day`;
export const DATE_PARTS = ["day", "month", "year"] as const;

export const BANK_FIELDS = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"] as const;

/** Every field that can carry an error, in the order the form shows them (the error summary's order). */
export function keyInFieldIds(lines: number): string[] {
  return [
    "firstName",
    "lastName",
    dayFieldId(DATE_OF_BIRTH),
    "addressLine1",
    "addressLine2",
    "town",
    "county",
    "postcode",
    "country",
    "contactPreference",
    "email",
    "phone",
    dayFieldId(EVENT_DATE),
    ...Array.from({ length: lines }, (_, i) => EXPENSE_PARTS.map((part) => expenseFieldId(i + 1, part))).flat(),
    "paymentMethod",
    ...BANK_FIELDS,
  ];
}

export { expenseTypeLabels } from "@/lib/claims/expense-types";

export const contactPreferenceOptions: { value: ContactPreference; label: string; hint?: string }[] = [
  { value: "EMAIL", label: "Email" },
  { value: "SMS", label: "Text message" },
  { value: "LETTER", label: "Letter", hint: "Sent to the address above" },
];

export const paymentMethodOptions: { value: PaymentMethod; label: string; hint?: string }[] = [
  { value: "BANK", label: "Bank transfer" },
  { value: "CASH", label: "Cash at a Post Office", hint: "They collect it with a payment code" },
];
