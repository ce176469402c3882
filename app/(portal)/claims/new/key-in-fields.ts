import type { ContactPreference, PaymentMethod } from "@/lib/generated/prisma/enums";

// The key-in form's field names, shared by the form and the code that turns it into an intake.
// No server-only imports: the client form bundles this.

export const EXPENSE_SLOTS = 5;

export type ExpensePart = "type" | "description" | "amount";

export function expenseFieldId(slot: number, part: ExpensePart): string {
  return `expense-${slot}-${part}`;
}

/** Date inputs submit `<name>-day`, `-month`, `-year`; errors link to the day box. */
export const DATE_OF_BIRTH = "dateOfBirth";
export const EVENT_DATE = "eventDate";
export const dayFieldId = (name: string) => `${name}-day`;

export const BANK_FIELDS = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"] as const;

/** Every field that can carry an error, in the order the form shows them (the error summary's order). */
export const KEY_IN_FIELDS: string[] = [
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
  ...Array.from({ length: EXPENSE_SLOTS }, (_, i) =>
    (["type", "description", "amount"] as const).map((part) => expenseFieldId(i + 1, part)),
  ).flat(),
  "paymentMethod",
  ...BANK_FIELDS,
];

export { expenseTypeLabels } from "@/lib/claims/expense-types";

export const contactPreferenceOptions: { value: ContactPreference; label: string; hint: string }[] = [
  { value: "EMAIL", label: "Email", hint: "Enter their email address below" },
  { value: "SMS", label: "Text message", hint: "Enter their mobile number below" },
  { value: "LETTER", label: "Letter", hint: "Sent to the address above" },
];

export const paymentMethodOptions: { value: PaymentMethod; label: string; hint: string }[] = [
  { value: "BANK", label: "Bank transfer", hint: "Enter their bank details below" },
  { value: "CASH", label: "Cash at a Post Office", hint: "They collect it with a payment code" },
];
