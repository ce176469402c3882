import { MODULUS_FAILURE_MESSAGE } from "@/lib/claims/intake/bank-details-schema";
import { MAX_AMOUNT_PENCE } from "@/lib/claims/intake/claim-intake-schema";
import { formatPence } from "@/lib/money";

// The intake API answers a program ("First name is required", "…written YYYY-MM-DD", pence); the
// key-in form answers a caseworker on the phone, in the GOV.UK style guide's words: say what to do
// ("Enter the claimant's first name"), name the field as its label does, pounds not pence. Messages
// not listed here (lengths, hidden characters, the modulus check) already read that way.

const SAME_FOR_THE_FORM: Record<string, string> = {
  "First name is required": "Enter the claimant's first name",
  "Last name is required": "Enter the claimant's last name",
  "Date of birth is required": "Enter a date of birth",
  "Date of birth must be a real date written YYYY-MM-DD": "Date of birth must be a real date",
  "Address line 1 is required": "Enter the first line of the address",
  "Town or city is required": "Enter the town or city",
  "Postcode is required": "Enter a postcode",
  "Postcode must be a valid UK postcode, like LS1 1AA": "Enter a real UK postcode, like LS1 1AA",
  "Country is required": "Enter the country",
  "Contact preference is required": "Select how the claimant wants us to contact them",
  "Email address is required when the contact preference is EMAIL": "Enter an email address",
  "Email address must be a valid email address, like name@example.com":
    "Enter an email address in the correct format, like name@example.com",
  "Phone number is required when the contact preference is SMS": "Enter a mobile phone number for text messages",
  "Phone number may only contain digits and spaces, with an optional +44 at the start":
    "Enter a phone number using only digits and spaces, like 07700 900123",
  "Phone number must have 10 to 13 digits": "Enter a phone number with 10 to 13 digits, like 07700 900123",
  "Event date is required": "Enter the date of the event",
  "Event date must be a real date written YYYY-MM-DD": "Date of the event must be a real date",
  "Event date cannot be in the future": "Date of the event must be today or in the past",
  "Event date must be 1 January 2000 or later": "Date of the event must be 1 January 2000 or later",
  "Expenses are required": "Enter at least one expense",
  "Add at least 1 expense": "Enter at least one expense",
  "Payment method is required": "Select how the claimant wants to be paid",
  "Bank details are required when the payment method is BANK": "Enter the name on the account",
  "Name on the account is required": "Enter the name on the account",
  "Sort code is required": "Enter a sort code",
  "Sort code must be 6 digits, like 20-00-00": "Enter a valid sort code, like 20-00-00",
  "Account number is required": "Enter an account number",
  "Account number must be 8 digits": "Enter a valid account number, like 55779911",
  [MODULUS_FAILURE_MESSAGE]: MODULUS_FAILURE_MESSAGE,
};

/** The line named in a message when the form shows more than one ("expense 2"), else "the expense". */
export type ExpenseLineContext = { line: number; lines: number; unreadableAmount: boolean };

function expenseMessage(part: string, message: string, { line, lines, unreadableAmount }: ExpenseLineContext): string {
  const which = lines > 1 ? `expense ${line}` : "the expense";
  if (part === "type") return `Select the type of ${which}`;
  if (part === "description") {
    return message.endsWith("is required")
      ? `Enter a description of ${which}`
      : message.replace("Expense description", "Description");
  }
  // amountPence
  if (unreadableAmount) {
    return lines > 1
      ? `Enter the amount of ${which} in pounds and pence, like 12.40`
      : "Enter an amount in pounds and pence, like 12.40";
  }
  if (message === "Amount is required") return `Enter the amount of ${which}`;
  if (message.startsWith("Amount must be more than")) return `The amount of ${which} must be more than £0`;
  if (message.endsWith("or less")) return `The amount of ${which} must be ${formatPence(MAX_AMOUNT_PENCE)} or less`;
  return message;
}

/** An intake error (its path and message) in the form's words. */
export function formMessage(path: PropertyKey[], message: string, expense?: ExpenseLineContext): string {
  const [first, , third] = path.map(String);
  if (first === "expenses" && third !== undefined && expense) return expenseMessage(third, message, expense);
  if (first === "claimant" && path[1] === "contactPreference" && !message.endsWith("required")) {
    return SAME_FOR_THE_FORM["Contact preference is required"];
  }
  if (first === "paymentMethod" && !message.endsWith("required")) return SAME_FOR_THE_FORM["Payment method is required"];
  return SAME_FOR_THE_FORM[message] ?? message;
}

/** GOV.UK's date message for boxes left partly empty: "Date of birth must include a month and year". */
export function incompleteDateMessage(label: string, parts: { day: string; month: string; year: string }): string | null {
  const missing = (["day", "month", "year"] as const).filter((p) => parts[p].trim() === "");
  if (missing.length === 0 || missing.length === 3) return null;
  return `${label} must include a ${missing.join(" and ")}`;
}
