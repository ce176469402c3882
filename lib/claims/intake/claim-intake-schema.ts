import { z } from "zod";
import { isClaimReference } from "@/lib/references/claim-reference-format";
import { bankDetailsSchema } from "./bank-details-schema";
import {
  blankAsNull,
  enumOf,
  isoDate,
  isRecord,
  optionalPersonText,
  requiredPersonText,
  requiredText,
  strictObject,
} from "./fields";

// Mirrors the Prisma enums; claim-intake-schema.test.ts checks they stay in step.
export const CONTACT_PREFERENCES = ["EMAIL", "SMS", "LETTER"] as const;
export const PAYMENT_METHODS = ["BANK", "CASH"] as const;
export const EXPENSE_TYPES = ["BUS", "TRAIN", "TAXI", "CAR_MILEAGE", "ACCOMMODATION", "REFRESHMENTS", "OTHER"] as const;

export const MIN_EXPENSE_LINES = 1;
export const MAX_EXPENSE_LINES = 20;
export const MAX_AMOUNT_PENCE = 10_000_000;

// The sane range of dates (ISO dates compare correctly as strings). The scheme pays for events of
// this century; a date of birth before 1900 is a typing slip, and year 0000 is no date PostgreSQL
// can store. The latest dates are judged against `today` below.
export const EARLIEST_EVENT_DATE = "2000-01-01";
export const EARLIEST_DATE_OF_BIRTH = "1900-01-01";

/** A date not before `earliest`; a value not shaped YYYY-MM-DD is left to the date check's one message. */
const notBefore = (earliest: string) => (d: string) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d >= earliest;

const POSTCODE = /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/;

/** "ls11aa" / " LS1  1AA " -> "LS1 1AA": the inward code is always the last three characters. */
export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s+/g, "").toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

const postcode = z
  .string({ error: (i) => (i.input == null ? "Postcode is required" : "Postcode must be text") })
  .trim()
  .min(1, { message: "Postcode is required", abort: true })
  .transform(normalisePostcode)
  .refine((v) => POSTCODE.test(v), "Postcode must be a valid UK postcode, like LS1 1AA");

/** The postcode rule, for other forms that take an address (a change of name or address). */
export const postcodeSchema = postcode;

const UK_PHONE_CHARACTERS = /^(\+44)?[\d ]+$/;

const phone = z
  .string({ error: "Phone number must be text" })
  .trim()
  .regex(UK_PHONE_CHARACTERS, {
    message: "Phone number may only contain digits and spaces, with an optional +44 at the start",
    abort: true,
  })
  .refine((v) => {
    const digits = v.replace(/\D/g, "").length;
    return digits >= 10 && digits <= 13;
  }, "Phone number must have 10 to 13 digits");

const email = z
  .string({ error: "Email address must be text" })
  .trim()
  .max(320, { message: "Email address must be 320 characters or fewer", abort: true })
  .pipe(z.email("Email address must be a valid email address, like name@example.com"));

const address = strictObject("Address", {
  line1: requiredPersonText("Address line 1", 100),
  line2: optionalPersonText("Address line 2", 100),
  town: requiredPersonText("Town or city", 100),
  county: optionalPersonText("County", 100),
  postcode,
  country: requiredPersonText("Country", 100),
});

const expense = strictObject("Expense", {
  type: enumOf("Expense type", EXPENSE_TYPES),
  description: requiredText("Expense description", 200),
  amountPence: z
    .number({ error: (i) => (i.input == null ? "Amount is required" : "Amount must be a number of pence") })
    .int("Amount must be a whole number of pence")
    .positive("Amount must be more than 0 pence")
    .max(MAX_AMOUNT_PENCE, `Amount must be ${MAX_AMOUNT_PENCE} pence (£${MAX_AMOUNT_PENCE / 100}) or less`),
});

// Cross-field checks run even when sibling fields failed, so a claimant sees
// every problem in one answer; the checks read the (possibly unparsed) value
// defensively and only complain about a contact/bank field that is absent.
const whenObject = { when: (p: z.core.ParsePayload) => isRecord(p.value) };

const claimantReference = z
  .string({ error: "Claimant reference must be text, like 7KQ2M9X" })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isClaimReference, "Claimant reference must be the 7 characters an earlier claim's answer gave, like 7KQ2M9X");

export const MAX_PRISONER_NUMBER_LENGTH = 20;

/** "a1234 bc" -> "A1234BC": the claim list searches the stored form exactly. */
export function normalisePrisonerNumber(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

const prisonerNumber = z
  .string({ error: (i) => (i.input == null ? "Prisoner number is required" : "Prisoner number must be text") })
  .transform(normalisePrisonerNumber)
  .pipe(
    z
      .string()
      .min(1, { message: "Prisoner number is required", abort: true })
      .max(MAX_PRISONER_NUMBER_LENGTH, {
        message: `Prisoner number must be ${MAX_PRISONER_NUMBER_LENGTH} characters or fewer`,
        abort: true,
      })
      .regex(/^[A-Z0-9]+$/, "Prisoner number may only contain letters and numbers, like A1234BC"),
  );

/** An ISO 8601 date and time with its offset (2026-11-01T14:30:00Z, 2026-11-01T14:30:00+00:00). */
const visitAt = (today: string) =>
  z.iso
    .datetime({
      offset: true,
      error: (i) =>
        i.input == null
          ? "Visit date and time is required"
          : "Visit date and time must be a date and time with its offset, like 2026-11-01T14:30:00Z",
    })
    .refine((v) => v.slice(0, 10) >= EARLIEST_EVENT_DATE, "Visit date must be 1 January 2000 or later")
    .refine((v) => v.slice(0, 10) <= today, "Visit date cannot be in the future");

/** What the claim is for, for a prison-visits scheme (optional: old clients keep working). */
function visitEventSchema(today: string) {
  return strictObject("Event", {
    prison: requiredPersonText("Prison", 100),
    prisonerNumber,
    relationship: requiredPersonText("Relationship to the prisoner", 100),
    visitAt: visitAt(today),
  });
}

// LETTER needs the address, which is required for every claim anyway, so only
// EMAIL and SMS need a check (a second "address is required" would be noise).
const CONTACT_FIELD = { EMAIL: "email", SMS: "phone" } as const;
const CONTACT_MESSAGE = {
  EMAIL: "Email address is required when the contact preference is EMAIL",
  SMS: "Phone number is required when the contact preference is SMS",
} as const;

function assertIsoDate(today: string): void {
  if (!isoDate("today").safeParse(today).success) throw new Error(`claimIntakeSchema: today must be YYYY-MM-DD, got "${today}"`);
}

/** `today` is the Europe/London date (YYYY-MM-DD) the request is judged against; passed in to keep this pure. */
function claimantFields(today: string) {
  return {
    firstName: requiredPersonText("First name", 100),
    lastName: requiredPersonText("Last name", 100),
    dateOfBirth: isoDate("Date of birth")
      .refine(notBefore(EARLIEST_DATE_OF_BIRTH), "Date of birth must be 1 January 1900 or later")
      .refine((d) => d < today, "Date of birth must be in the past"),
    email: blankAsNull(email),
    phone: blankAsNull(phone),
    address,
    contactPreference: enumOf("Contact preference", CONTACT_PREFERENCES),
  };
}

function checkContactDetails(v: Record<string, unknown>, ctx: z.core.$RefinementCtx) {
  const pref = v.contactPreference;
  if (pref !== "EMAIL" && pref !== "SMS") return;
  const field = CONTACT_FIELD[pref];
  if (v[field] == null) ctx.addIssue({ code: "custom", path: [field], message: CONTACT_MESSAGE[pref] });
}

/** A new person: every field the claim needs to reach and pay them. */
function newClaimantSchema(today: string) {
  return strictObject("Claimant", claimantFields(today)).superRefine(checkContactDetails, whenObject);
}

/**
 * A known person, by the reference an earlier 201 returned (docs/people.md#filing-for-a-known-person).
 * The other fields may still be sent and are checked as for a new person, but the stored details
 * are never overwritten from here: a change of name or address needs two caseworkers.
 */
function knownClaimantSchema(today: string) {
  const fields = claimantFields(today);
  return strictObject("Claimant", {
    reference: claimantReference,
    firstName: fields.firstName.optional(),
    lastName: fields.lastName.optional(),
    dateOfBirth: fields.dateOfBirth.optional(),
    email: fields.email,
    phone: fields.phone,
    address: address.optional(),
    contactPreference: fields.contactPreference.optional(),
  }).superRefine(checkContactDetails, whenObject);
}

function intakeBody<C extends z.ZodType>(today: string, claimant: C, bankDetailsRequired: boolean) {
  return strictObject("Request body", {
    claimant,
    eventDate: isoDate("Event date")
      .refine(notBefore(EARLIEST_EVENT_DATE), "Event date must be 1 January 2000 or later")
      .refine((d) => d <= today, "Event date cannot be in the future"),
    paymentMethod: enumOf("Payment method", PAYMENT_METHODS),
    // Accepted with CASH too: the claimant's details are kept for later use.
    bankDetails: blankAsNull(bankDetailsSchema),
    expenses: z
      .array(expense, { error: (i) => (i.input == null ? "Expenses are required" : "Expenses must be a list") })
      .min(MIN_EXPENSE_LINES, "Add at least 1 expense")
      .max(MAX_EXPENSE_LINES, `A claim can have at most ${MAX_EXPENSE_LINES} expenses`),
    event: visitEventSchema(today).optional(),
  }).superRefine((v: Record<string, unknown>, ctx) => {
    if (bankDetailsRequired && v.paymentMethod === "BANK" && v.bankDetails == null) {
      ctx.addIssue({
        code: "custom",
        path: ["bankDetails"],
        message: "Bank details are required when the payment method is BANK",
      });
    }
  }, whenObject);
}

/** A claim for a new person (what key-in sends, and the API without `claimant.reference`). */
export function claimIntakeSchema(today: string) {
  assertIsoDate(today);
  return intakeBody(today, newClaimantSchema(today), true);
}

/**
 * A claim for a known person: bank details are optional even for BANK, since the person's approved
 * ones pay it; details sent that differ from them become a pending change for a second caseworker.
 */
export function knownPersonIntakeSchema(today: string) {
  assertIsoDate(today);
  return intakeBody(today, knownClaimantSchema(today), false);
}

/** The API's body: with `claimant.reference` a claim for a known person, else for a new one. */
export function parseClaimIntake(today: string, body: unknown) {
  const claimant = isRecord(body) && isRecord(body.claimant) ? body.claimant : null;
  const known = claimant !== null && claimant.reference !== undefined && claimant.reference !== null;
  return known ? knownPersonIntakeSchema(today).safeParse(body) : claimIntakeSchema(today).safeParse(body);
}

export type ClaimIntakeSchema = ReturnType<typeof claimIntakeSchema>;
/** A claim with a new person's details. */
export type ClaimIntake = z.output<ClaimIntakeSchema>;
/** A claim for a known person (`claimant.reference`). */
export type KnownPersonIntake = z.output<ReturnType<typeof knownPersonIntakeSchema>>;
export type AnyClaimIntake = ClaimIntake | KnownPersonIntake;
export type VisitEvent = NonNullable<ClaimIntake["event"]>;

export function isKnownPersonIntake(intake: AnyClaimIntake): intake is KnownPersonIntake {
  return "reference" in intake.claimant;
}
