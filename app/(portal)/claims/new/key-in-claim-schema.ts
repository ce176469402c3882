import { z } from "zod";
import { claimIntakeSchema, MAX_AMOUNT_PENCE, type ClaimIntake } from "@/lib/claims/intake/claim-intake-schema";
import { intakeToday } from "@/lib/claims/intake-today";
import { formatPence, parsePoundsToPence } from "@/lib/money";
import {
  BANK_FIELDS,
  DATE_OF_BIRTH,
  dayFieldId,
  EVENT_DATE,
  EXPENSE_SLOTS,
  expenseFieldId,
  type ExpensePart,
} from "./key-in-fields";

// A claim keyed in by a caseworker passes the same validation as one from the API: the form is
// turned into an intake body, checked with claimIntakeSchema, and the API's error paths are
// mapped back onto the form's fields.

export type KeyInFormFields = Record<string, string | string[]>;

type KeyInBody = {
  body: Record<string, unknown>;
  /** The form slot (1-based) of each expense sent, since blank slots are skipped. */
  expenseSlots: number[];
  /** Slots whose amount was not a sum of money, to say so in pounds rather than pence. */
  unreadableAmounts: Set<number>;
};

export type KeyInResult = { ok: true; intake: ClaimIntake } | { ok: false; fieldErrors: Record<string, string[]> };

function field(fields: KeyInFormFields, name: string): string | undefined {
  const value = fields[name];
  return Array.isArray(value) ? value[0] : value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** Day, month and year boxes -> "YYYY-MM-DD"; anything not a plausible date fails the schema's date check. */
function isoDate(fields: KeyInFormFields, name: string): string | undefined {
  const [day, month, year] = ["day", "month", "year"].map((part) => field(fields, `${name}-${part}`)?.trim() ?? "");
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "not-a-date";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

export function keyInFormToBody(fields: KeyInFormFields): KeyInBody {
  const text = (name: string) => field(fields, name);
  const expenses: Record<string, unknown>[] = [];
  const expenseSlots: number[] = [];
  const unreadableAmounts = new Set<number>();
  for (let slot = 1; slot <= EXPENSE_SLOTS; slot++) {
    const type = text(expenseFieldId(slot, "type"))?.trim() ?? "";
    const description = text(expenseFieldId(slot, "description")) ?? "";
    const amount = text(expenseFieldId(slot, "amount"))?.trim() ?? "";
    if (!type && !description.trim() && !amount) continue;
    const pence = amount ? parsePoundsToPence(amount) : undefined;
    if (pence === null) unreadableAmounts.add(slot);
    // An unreadable amount stays text, so the schema reports it on the right line.
    expenses.push({ type: type || undefined, description, amountPence: pence === null ? amount : pence });
    expenseSlots.push(slot);
  }

  const paymentMethod = blankToUndefined(text("paymentMethod"));
  const bankEntered = BANK_FIELDS.some((name) => blankToUndefined(text(name)) !== undefined);
  const bankDetails =
    bankEntered || paymentMethod === "BANK"
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
      email: text("email") ?? null,
      phone: text("phone") ?? null,
      address: {
        line1: text("addressLine1"),
        line2: text("addressLine2") ?? null,
        town: text("town"),
        county: text("county") ?? null,
        postcode: text("postcode"),
        country: text("country"),
      },
      contactPreference: blankToUndefined(text("contactPreference")),
    },
    eventDate: isoDate(fields, EVENT_DATE),
    paymentMethod,
    bankDetails,
    expenses,
  };
  return { body, expenseSlots, unreadableAmounts };
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
const EXPENSE_PARTS: Record<string, ExpensePart> = { type: "type", description: "description", amountPence: "amount" };

/** An intake error path (e.g. ["expenses", 1, "amountPence"]) -> the form field to link to. */
export function fieldIdForPath(path: PropertyKey[], form: Pick<KeyInBody, "expenseSlots">): string {
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
      return expenseFieldId(form.expenseSlots[Number(second)] ?? 1, EXPENSE_PARTS[third] ?? "type");
    }
    default:
      return "firstName";
  }
}

/** The API speaks in pence and ISO dates; a caseworker typed pounds and day/month/year boxes. */
function formMessage(path: PropertyKey[], message: string, form: KeyInBody): string {
  const [first, second, third] = path.map(String);
  if (first === "claimant" && second === "contactPreference") return "Choose how the claimant wants us to contact them";
  if (first === "paymentMethod") return "Choose how the claimant wants to be paid";
  if (first === "expenses" && third === "amountPence") {
    if (form.unreadableAmounts.has(form.expenseSlots[Number(second)])) return "Enter the amount in pounds and pence, like 12.40";
    if (message.startsWith("Amount must be more than")) return "Amount must be more than £0";
    if (message.endsWith("or less")) return `Amount must be ${formatPence(MAX_AMOUNT_PENCE)} or less`;
    if (message === "Amount is required") return "Enter the amount";
  }
  return message.replace(/ written YYYY-MM-DD$/, "");
}

const isDateField = (id: string) => id === dayFieldId(DATE_OF_BIRTH) || id === dayFieldId(EVENT_DATE);

/** Pure: the submitted form and today's Europe/London date in, an intake or field errors out. */
export function keyInClaimFromForm(fields: KeyInFormFields, today: string): KeyInResult {
  const form = keyInFormToBody(fields);
  const parsed = claimIntakeSchema(today).safeParse(form.body);
  if (parsed.success) return { ok: true, intake: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const id = fieldIdForPath(issue.path, form);
    const message = formMessage(issue.path, issue.message, form);
    const messages = (fieldErrors[id] ??= []);
    // A date that is not a date is also "not in the past" to the schema; the first says it all.
    if (isDateField(id) && messages.length > 0) continue;
    if (!messages.includes(message)) messages.push(message);
  }
  return { ok: false, fieldErrors };
}

/** For defineAction: the form's fields in, a valid intake out, or issues keyed by form field. */
export const keyInClaimSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((fields, ctx) => {
  const result = keyInClaimFromForm(fields, intakeToday(new Date()));
  if (result.ok) return result.intake;
  for (const [id, messages] of Object.entries(result.fieldErrors)) {
    for (const message of messages) ctx.addIssue({ code: "custom", path: [id], message });
  }
  return z.NEVER;
});
