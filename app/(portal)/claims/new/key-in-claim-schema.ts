import { claimIntakeSchema, type ClaimIntake } from "@/lib/claims/intake/claim-intake-schema";
import { parsePoundsToPence } from "@/lib/money";
import { formMessage, incompleteDateMessage } from "./key-in-messages";
import {
  BANK_FIELDS,
  DATE_OF_BIRTH,
  DATE_PARTS,
  dayFieldId,
  EVENT_DATE,
  EXPENSE_COUNT,
  EXPENSE_PARTS,
  expenseFieldId,
  MAX_EXPENSES,
  type ExpensePart,
} from "./key-in-fields";

// A claim keyed in by a caseworker passes the same validation as one from the API: the form is
// turned into an intake body, checked with claimIntakeSchema, and the API's error paths are
// mapped back onto the form's fields, in the form's words (key-in-messages.ts). Pure.

export type KeyInFormFields = Record<string, string | string[] | undefined>;

type KeyInBody = {
  body: Record<string, unknown>;
  /** The form line (1-based) of each expense sent, since blank lines are skipped. */
  expenseLines: number[];
  /** Lines whose amount was not a sum of money, to say so in pounds rather than pence. */
  unreadableAmounts: Set<number>;
  lines: number;
};

export type KeyInResult = { ok: true; intake: ClaimIntake } | { ok: false; fieldErrors: Record<string, string[]> };

export function field(fields: KeyInFormFields, name: string): string | undefined {
  const value = fields[name];
  return Array.isArray(value) ? value[0] : value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * How many expense lines the form shows: the hidden count (1 to 20), or, when a form comes without
 * it, up to the last line with anything typed in.
 */
export function expenseLineCount(fields: KeyInFormFields): number {
  const counted = Number(field(fields, EXPENSE_COUNT));
  if (Number.isInteger(counted) && counted >= 1) return Math.min(counted, MAX_EXPENSES);
  let last = 1;
  for (let line = 1; line <= MAX_EXPENSES; line++) {
    if (EXPENSE_PARTS.some((part) => blankToUndefined(field(fields, expenseFieldId(line, part))) !== undefined)) last = line;
  }
  return last;
}

function dateParts(fields: KeyInFormFields, name: string) {
  const [day, month, year] = DATE_PARTS.map((part) => field(fields, `${name}-${part}`)?.trim() ?? "");
  return { day, month, year };
}

/** Day, month and year boxes -> "YYYY-MM-DD"; anything not a plausible date fails the schema's date check. */
function isoDate(fields: KeyInFormFields, name: string): string | undefined {
  const { day, month, year } = dateParts(fields, name);
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "not-a-date";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

export function keyInFormToBody(fields: KeyInFormFields): KeyInBody {
  const text = (name: string) => field(fields, name);
  const lines = expenseLineCount(fields);
  const expenses: Record<string, unknown>[] = [];
  const expenseLines: number[] = [];
  const unreadableAmounts = new Set<number>();
  for (let line = 1; line <= lines; line++) {
    const type = text(expenseFieldId(line, "type"))?.trim() ?? "";
    const description = text(expenseFieldId(line, "description")) ?? "";
    const amount = text(expenseFieldId(line, "amount"))?.trim() ?? "";
    if (!type && !description.trim() && !amount) continue;
    const pence = amount ? parsePoundsToPence(amount) : undefined;
    if (pence === null) unreadableAmounts.add(line);
    // An unreadable amount stays text, so the schema reports it on the right line.
    expenses.push({ type: type || undefined, description, amountPence: pence === null ? amount : pence });
    expenseLines.push(line);
  }

  // Email, phone and bank details are asked only for the choice that needs them (the form reveals
  // them under it); what was typed under another choice is not sent, so it cannot fail unseen.
  const contactPreference = blankToUndefined(text("contactPreference"));
  const paymentMethod = blankToUndefined(text("paymentMethod"));
  const bankDetails =
    paymentMethod === "BANK"
      ? {
          nameOnAccount: blankToUndefined(text("nameOnAccount")),
          sortCode: blankToUndefined(text("sortCode")),
          accountNumber: blankToUndefined(text("accountNumber")),
          rollNumber: text("rollNumber") ?? null,
        }
      : null;

  const body = {
    claimant: {
      firstName: text("firstName"),
      lastName: text("lastName"),
      dateOfBirth: isoDate(fields, DATE_OF_BIRTH),
      email: contactPreference === "EMAIL" ? (text("email") ?? null) : null,
      phone: contactPreference === "SMS" ? (text("phone") ?? null) : null,
      address: {
        line1: text("addressLine1"),
        line2: text("addressLine2") ?? null,
        town: text("town"),
        county: text("county") ?? null,
        postcode: text("postcode"),
        country: text("country"),
      },
      contactPreference,
    },
    eventDate: isoDate(fields, EVENT_DATE),
    paymentMethod,
    bankDetails,
    expenses,
  };
  return { body, expenseLines, unreadableAmounts, lines };
}

const CLAIMANT_FIELDS: Record<string, string> = {
  firstName: "firstName",
  lastName: "lastName",
  dateOfBirth: dayFieldId(DATE_OF_BIRTH),
  email: "email",
  phone: "phone",
  contactPreference: "contactPreference",
};
const ADDRESS_FIELDS: Record<string, string> = {
  line1: "addressLine1",
  line2: "addressLine2",
  town: "town",
  county: "county",
  postcode: "postcode",
  country: "country",
};
const EXPENSE_FIELD_PARTS: Record<string, ExpensePart> = { type: "type", description: "description", amountPence: "amount" };

/** An intake error path (e.g. ["expenses", 1, "amountPence"]) -> the form field to link to. */
export function fieldIdForPath(path: PropertyKey[], form: Pick<KeyInBody, "expenseLines">): string {
  const [first, second, third] = path.map(String);
  switch (first) {
    case "claimant":
      return second === "address" ? (ADDRESS_FIELDS[third] ?? "addressLine1") : (CLAIMANT_FIELDS[second] ?? "firstName");
    case "eventDate":
      return dayFieldId(EVENT_DATE);
    case "paymentMethod":
      return "paymentMethod";
    case "bankDetails":
      return (BANK_FIELDS as readonly string[]).includes(second) ? second : "nameOnAccount";
    case "expenses": {
      if (second === undefined) return expenseFieldId(1, "type");
      return expenseFieldId(form.expenseLines[Number(second)] ?? 1, EXPENSE_FIELD_PARTS[third] ?? "type");
    }
    default:
      return "firstName";
  }
}

const DATE_LABELS: [name: string, label: string][] = [
  [DATE_OF_BIRTH, "Date of birth"],
  [EVENT_DATE, "Date of the event"],
];

/** Pure: the submitted form and today's Europe/London date in, an intake or field errors out. */
export function keyInClaimFromForm(fields: KeyInFormFields, today: string): KeyInResult {
  const form = keyInFormToBody(fields);
  const parsed = claimIntakeSchema(today).safeParse(form.body);
  if (parsed.success) return { ok: true, intake: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  // Boxes left partly empty say which, before anything the schema makes of the date.
  for (const [name, label] of DATE_LABELS) {
    const incomplete = incompleteDateMessage(label, dateParts(fields, name));
    if (incomplete) fieldErrors[dayFieldId(name)] = [incomplete];
  }
  const dateIds = new Set(DATE_LABELS.map(([name]) => dayFieldId(name)));
  for (const issue of parsed.error.issues) {
    const id = fieldIdForPath(issue.path, form);
    const line = issue.path[0] === "expenses" ? form.expenseLines[Number(issue.path[1])] : undefined;
    const message = formMessage(
      issue.path,
      issue.message,
      line === undefined ? undefined : { line, lines: form.lines, unreadableAmount: form.unreadableAmounts.has(line) },
    );
    const messages = (fieldErrors[id] ??= []);
    // A date that is not a date is also "not in the past" to the schema; the first says it all.
    if (dateIds.has(id) && messages.length > 0) continue;
    if (!messages.includes(message)) messages.push(message);
  }
  // The schema checks the contact detail only once the claimant's other fields parse; the form
  // says everything that is missing at once.
  const contact = { EMAIL: "email", SMS: "phone" }[field(fields, "contactPreference") ?? ""];
  if (contact && !blankToUndefined(field(fields, contact)) && !fieldErrors[contact]) {
    fieldErrors[contact] = [contact === "email" ? "Enter an email address" : "Enter a mobile phone number for text messages"];
  }
  return { ok: false, fieldErrors };
}
