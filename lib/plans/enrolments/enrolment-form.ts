// The "enrol a person" form, read into a typed enrolment (pure). A new person passes the same checks
// as a claimant keyed in or sent through the intake API (claimIntakeSchema's claimant), and bank
// details the same modulus check (bankDetailsSchema), so a beneficiary is held to the claim rules.
import { bankDetailsSchema, type BankDetailsInput } from "@/lib/claims/intake/bank-details-schema";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { isClaimReference } from "@/lib/references/claim-reference-format";
import type { AttributeDeclaration } from "../rules/attributes";
import { attributeErrorIds, parseAttributeValues, type AttributeValues } from "./attribute-values";
import { dayFieldId, readDateFields, requiredDate, type ReadField } from "./date-fields";

export type PaymentMethodChoice = "BANK" | "CASH";

export type NewPerson = {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  address: { line1: string; line2: string | null; town: string; county: string | null; postcode: string; country: string };
  contactPreference: "EMAIL" | "SMS" | "LETTER";
};

export type EnrolmentInput = {
  person: { kind: "EXISTING"; reference: string } | { kind: "NEW"; details: NewPerson };
  values: AttributeValues;
  paymentMethod: PaymentMethodChoice;
  /** Null: none entered (an existing person may already have details on record). */
  bankDetails: BankDetailsInput | null;
  enrolledFrom: string;
};

export const DATE_OF_BIRTH = "dateOfBirth";
export const ENROLLED_FROM = "enrolledFrom";
export const BANK_FIELDS = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"] as const;
export const PERSON_FIELDS = [
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
];

/** Every field that can carry an error, in the form's order (the error summary's order). */
export function enrolmentFormFields(declarations: readonly AttributeDeclaration[]): string[] {
  return [
    "personChoice",
    "personReference",
    ...PERSON_FIELDS,
    ...attributeErrorIds(declarations),
    "paymentMethod",
    ...BANK_FIELDS,
    dayFieldId(ENROLLED_FROM),
  ];
}

const ADDRESS_FIELDS: Record<string, string> = {
  line1: "addressLine1",
  line2: "addressLine2",
  town: "town",
  county: "county",
  postcode: "postcode",
  country: "country",
};

const PERSON_MESSAGES: Record<string, string> = {
  contactPreference: "Choose how the person wants us to contact them",
};

export type ParsedEnrolment = { ok: true; input: EnrolmentInput } | { ok: false; fieldErrors: Record<string, string[]> };

/** A person reference as typed: trimmed and upper-cased, or null when it is not 7 claim-alphabet characters. */
export function normalisePersonReference(text: string | undefined): string | null {
  const reference = (text ?? "").trim().toUpperCase();
  return isClaimReference(reference) ? reference : null;
}

/** `today` is the Europe/London date (a date of birth must be before it). */
export function parseEnrolmentForm(
  read: ReadField,
  declarations: readonly AttributeDeclaration[],
  today: string,
): ParsedEnrolment {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => {
    const list = (fieldErrors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };

  const choice = read("personChoice");
  let person: EnrolmentInput["person"] | undefined;
  if (choice === "EXISTING") {
    const reference = normalisePersonReference(read("personReference"));
    if (reference) person = { kind: "EXISTING", reference };
    else fail("personReference", "Enter the person reference: 7 letters and numbers, like 7KQ2M9X");
  } else if (choice === "NEW") {
    const details = parseNewPerson(read, today, fail);
    if (details) person = { kind: "NEW", details };
  } else {
    fail("personChoice", "Choose an existing person or a new person");
  }

  const values = parseAttributeValues(declarations, read);
  if (!values.ok) for (const [field, messages] of Object.entries(values.fieldErrors)) messages.forEach((m) => fail(field, m));

  const method = read("paymentMethod");
  const paymentMethod = method === "BANK" || method === "CASH" ? method : undefined;
  if (!paymentMethod) fail("paymentMethod", "Choose how the person is paid");

  const bankEntered = BANK_FIELDS.some((name) => (read(name)?.trim() ?? "") !== "");
  let bankDetails: BankDetailsInput | null = null;
  if (bankEntered) {
    const parsed = parseBankDetailsFields(read);
    if (parsed.ok) bankDetails = parsed.details;
    else for (const [field, messages] of Object.entries(parsed.fieldErrors)) messages.forEach((m) => fail(field, m));
  } else if (paymentMethod === "BANK" && person?.kind === "NEW") {
    fail("nameOnAccount", "Enter the bank details: they are needed for a bank transfer");
  }

  const enrolledFrom = requiredDate(read, ENROLLED_FROM, "date the enrolment starts");
  if (!enrolledFrom.ok) fail(dayFieldId(ENROLLED_FROM), enrolledFrom.message);

  if (Object.keys(fieldErrors).length || !person || !paymentMethod || !enrolledFrom.ok || !values.ok) {
    return { ok: false, fieldErrors };
  }
  return { ok: true, input: { person, values: values.values, paymentMethod, bankDetails, enrolledFrom: enrolledFrom.value } };
}

function parseNewPerson(read: ReadField, today: string, fail: (field: string, message: string) => void): NewPerson | null {
  const text = (name: string) => read(name) ?? "";
  const dateOfBirth = readDateFields(read, DATE_OF_BIRTH);
  const body = {
    firstName: text("firstName"),
    lastName: text("lastName"),
    dateOfBirth: dateOfBirth === "blank" ? undefined : dateOfBirth,
    email: text("email"),
    phone: text("phone"),
    address: {
      line1: text("addressLine1"),
      line2: text("addressLine2"),
      town: text("town"),
      county: text("county"),
      postcode: text("postcode"),
      country: text("country"),
    },
    contactPreference: read("contactPreference") || undefined,
  };
  const parsed = claimIntakeSchema(today).shape.claimant.safeParse(body);
  if (parsed.success) return parsed.data as NewPerson;
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path.map(String);
    if (first === "dateOfBirth") {
      const message =
        dateOfBirth === "blank"
          ? "Enter the date of birth"
          : dateOfBirth === "invalid"
            ? "Date of birth must be a real date, like 27 3 1985"
            : issue.message;
      fail(dayFieldId(DATE_OF_BIRTH), message);
    } else if (first === "address") fail(ADDRESS_FIELDS[second] ?? "addressLine1", issue.message);
    else fail(first ?? "firstName", PERSON_MESSAGES[first] ?? issue.message);
  }
  return null;
}

/** The four bank-details inputs, checked (modulus too); errors keyed by input name. */
export function parseBankDetailsFields(
  read: ReadField,
): { ok: true; details: BankDetailsInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = bankDetailsSchema.safeParse({
    nameOnAccount: read("nameOnAccount") ?? "",
    sortCode: read("sortCode") ?? "",
    accountNumber: read("accountNumber") ?? "",
    rollNumber: read("rollNumber") ?? "",
  });
  if (parsed.success) return { ok: true, details: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "nameOnAccount")] ??= []).push(issue.message);
  return { ok: false, fieldErrors };
}
