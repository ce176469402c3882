// One data row of an enrolment file, read by the header's positions into a typed row or the
// problems that make it an error, each naming its column. A new person (no Person Reference) is
// checked as an intake claimant is, bank details get the same modulus check, attribute values are
// typed by the plan's declarations. Whether the row agrees with what is on record (the person, the
// enrolment, the bank details) is the set-based check's job. Pure.
import { bankDetailsSchema, MODULUS_FAILURE_MESSAGE, type BankDetailsInput } from "@/lib/claims/intake/bank-details-schema";
import { claimIntakeSchema, normalisePostcode } from "@/lib/claims/intake/claim-intake-schema";
import { isIsoDate } from "@/lib/dates/london-date";
import { isClaimReference } from "@/lib/references/claim-reference-format";
import type { AttributeDeclaration } from "../../rules/attributes";
import { isAttributeProblem, MAX_TEXT_VALUE_LENGTH, typedAttributeValue, type AttributeValues } from "../attribute-values";
import type { NewPerson, PaymentMethodChoice } from "../enrolment-form";
import { FILE_COUNTRY, personKey, quoted, type FixedColumn } from "./enrolment-columns";
import type { EnrolmentHeader } from "./parse-enrolment-header";

/** An existing person's columns as the row gives them (null when blank), to compare with the record. */
export interface GivenPerson {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  county: string | null;
  postcode: string | null;
  contactPreference: string | null;
  email: string | null;
  phone: string | null;
}

export interface EnrolmentFileRow {
  lineNo: number;
  person: { kind: "NEW"; details: NewPerson; key: string } | { kind: "EXISTING"; reference: string; given: GivenPerson };
  paymentMethod: PaymentMethodChoice;
  /** Null when the four bank columns are blank. */
  bankDetails: BankDetailsInput | null;
  /** YYYY-MM-DD: the enrolment's start, or for someone already enrolled the day the row's values take effect. */
  enrolledFrom: string;
  values: AttributeValues;
}

export interface RowProblem {
  lineNo: number;
  message: string;
}

/** The file's cells with their columns, trimmed. */
export type CsvCells = { lineNo: number; fields: readonly string[] };

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` or `DD/MM/YYYY` as YYYY-MM-DD, or why not. */
export function readFileDate(text: string): { iso: string } | { problem: "format" | "real" } {
  const dmy = DMY.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : YMD.test(text) ? text : null;
  if (iso === null) return { problem: "format" };
  return isIsoDate(iso) ? { iso } : { problem: "real" };
}

// The intake schema's words for its fields, and the file's columns they become in a message.
const INTAKE_FIELDS: Record<string, { column: FixedColumn; label: string }> = {
  firstName: { column: "First Name", label: "First name" },
  lastName: { column: "Last Name", label: "Last name" },
  dateOfBirth: { column: "Date of Birth", label: "Date of birth" },
  email: { column: "Email", label: "Email address" },
  phone: { column: "Phone", label: "Phone number" },
  contactPreference: { column: "Contact Preference", label: "Contact preference" },
  "address.line1": { column: "Address Line 1", label: "Address line 1" },
  "address.line2": { column: "Address Line 2", label: "Address line 2" },
  "address.town": { column: "Town", label: "Town or city" },
  "address.county": { column: "County", label: "County" },
  "address.postcode": { column: "Postcode", label: "Postcode" },
  nameOnAccount: { column: "Name on Account", label: "Name on the account" },
  sortCode: { column: "Sort Code", label: "Sort code" },
  accountNumber: { column: "Account Number", label: "Account number" },
  rollNumber: { column: "Roll Number", label: "Roll number" },
};

/** An intake message with the field's words replaced by the file's column ("Town or city is required" -> "Town is required"). */
function inColumnWords(path: string, message: string): string {
  if (message === MODULUS_FAILURE_MESSAGE)
    return "Sort Code and Account Number do not match (they fail the bank's modulus check)";
  const field = INTAKE_FIELDS[path];
  if (!field) return message;
  return message.startsWith(field.label) ? field.column + message.slice(field.label.length) : `${field.column}: ${message}`;
}

const BANK_COLUMNS = ["Name on Account", "Sort Code", "Account Number", "Roll Number"] as const;

/** Reads rows of one plan's file; `today` (Europe/London, YYYY-MM-DD) is what a date of birth must be before. */
export function enrolmentRowReader(declarations: readonly AttributeDeclaration[], today: string) {
  // Built once per file: a schema per row would cost more than the row.
  const claimant = claimIntakeSchema(today).shape.claimant;

  return function readEnrolmentRow(cells: CsvCells, header: EnrolmentHeader): EnrolmentFileRow | RowProblem {
    const { lineNo, fields } = cells;
    if (fields.length !== header.width) {
      const has = fields.length === 1 ? "1 column" : `${fields.length} columns`;
      return { lineNo, message: `Line ${lineNo} has ${has}; the header row has ${header.width}` };
    }
    const cell = (column: FixedColumn) => fields[header.fixed.get(column)!];
    const orNull = (column: FixedColumn) => cell(column) || null;
    const problems: string[] = [];

    const person = readPerson(cell, orNull, claimant, problems);
    const paymentMethod = readMethod(cell("Payment Method"), problems);

    let bankDetails: BankDetailsInput | null = null;
    if (BANK_COLUMNS.some((c) => cell(c) !== "")) {
      const parsed = bankDetailsSchema.safeParse({
        nameOnAccount: cell("Name on Account"),
        sortCode: cell("Sort Code"),
        accountNumber: cell("Account Number"),
        rollNumber: cell("Roll Number"),
      });
      if (parsed.success) bankDetails = parsed.data;
      else for (const issue of parsed.error.issues) problems.push(inColumnWords(issue.path.join("."), issue.message));
    } else if (paymentMethod === "BANK" && person?.kind === "NEW") {
      problems.push("Name on Account, Sort Code and Account Number are needed for a bank transfer (Payment Method BANK)");
    }

    const enrolledFrom = readDate("Enrolled From", cell("Enrolled From"), problems);

    const values: AttributeValues = {};
    declarations.forEach((declaration, index) => {
      const text = fields[header.attributes[index]];
      let typed = typedAttributeValue(declaration, text, { ignoreCase: true });
      if (declaration.type === "DATE" && isAttributeProblem(typed)) {
        const date = readFileDate(text);
        typed = "iso" in date ? date.iso : typed;
      }
      if (isAttributeProblem(typed)) problems.push(attributeMessage(declaration, text, typed.problem));
      else if (typed !== undefined) values[declaration.name] = typed;
    });

    if (problems.length || !person || !paymentMethod || !enrolledFrom) {
      return { lineNo, message: `Line ${lineNo}: ${problems.join("; ")}` };
    }
    return { lineNo, person, paymentMethod, bankDetails, enrolledFrom, values };
  };
}

type Claimant = ReturnType<typeof claimIntakeSchema>["shape"]["claimant"];

function readPerson(
  cell: (column: FixedColumn) => string,
  orNull: (column: FixedColumn) => string | null,
  claimant: Claimant,
  problems: string[],
): EnrolmentFileRow["person"] | null {
  const referenceText = cell("Person Reference");
  const dateOfBirth = cell("Date of Birth") === "" ? null : readDate("Date of Birth", cell("Date of Birth"), problems);
  const dobReadable = cell("Date of Birth") === "" || dateOfBirth !== null;

  if (referenceText !== "") {
    const reference = referenceText.toUpperCase();
    if (!isClaimReference(reference)) {
      problems.push(`Person Reference ${quoted(referenceText)} is not a person reference (7 letters and numbers, like 7KQ2M9X)`);
    }
    // The name and date of birth must be there and match the record: a mistyped reference must
    // never enrol, or pay, someone else.
    for (const column of ["First Name", "Last Name"] as const) if (cell(column) === "") problems.push(`${column} is required`);
    if (cell("Date of Birth") === "") problems.push("Date of Birth is required");
    const contact = cell("Contact Preference").toUpperCase();
    if (contact !== "" && !["EMAIL", "SMS", "LETTER"].includes(contact)) {
      problems.push("Contact Preference must be EMAIL, SMS or LETTER");
    }
    if (!isClaimReference(reference) || !cell("First Name") || !cell("Last Name") || !dateOfBirth) return null;
    const postcode = orNull("Postcode");
    return {
      kind: "EXISTING",
      reference,
      given: {
        firstName: cell("First Name"),
        lastName: cell("Last Name"),
        dateOfBirth,
        addressLine1: orNull("Address Line 1"),
        addressLine2: orNull("Address Line 2"),
        town: orNull("Town"),
        county: orNull("County"),
        postcode: postcode === null ? null : normalisePostcode(postcode),
        contactPreference: contact || null,
        email: orNull("Email"),
        phone: orNull("Phone"),
      },
    };
  }

  const parsed = claimant.safeParse({
    firstName: cell("First Name"),
    lastName: cell("Last Name"),
    // An unreadable date is already reported in the file's words.
    dateOfBirth: dobReadable ? (dateOfBirth ?? undefined) : "2000-01-01",
    email: cell("Email"),
    phone: cell("Phone"),
    address: {
      line1: cell("Address Line 1"),
      line2: cell("Address Line 2"),
      town: cell("Town"),
      county: cell("County"),
      postcode: cell("Postcode"),
      country: FILE_COUNTRY,
    },
    contactPreference: cell("Contact Preference").toUpperCase() || undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(inColumnWords(issue.path.join("."), issue.message));
    return null;
  }
  if (!dateOfBirth) return null;
  const details = parsed.data as NewPerson;
  return { kind: "NEW", details, key: personKey({ ...details, postcode: details.address.postcode }) };
}

function readMethod(text: string, problems: string[]): PaymentMethodChoice | null {
  const method = text.toUpperCase();
  if (method === "BANK" || method === "CASH") return method;
  problems.push(text === "" ? "Payment Method is required: BANK or CASH" : `Payment Method ${quoted(text)} must be BANK or CASH`);
  return null;
}

function readDate(column: string, text: string, problems: string[]): string | null {
  if (text === "") {
    problems.push(`${column} is required`);
    return null;
  }
  const date = readFileDate(text);
  if ("iso" in date) return date.iso;
  problems.push(
    date.problem === "real"
      ? `${column} ${quoted(text)} is not a real date`
      : `${column} ${quoted(text)} is not a date like 2026-12-01 or 01/12/2026`,
  );
  return null;
}

function attributeMessage(declaration: AttributeDeclaration, text: string, problem: string): string {
  const { name } = declaration;
  switch (problem) {
    case "NUMBER":
      return `${name} ${quoted(text)} must be a number, like 3 or 2.5`;
    case "TOO_LONG":
      return `${name} must be ${MAX_TEXT_VALUE_LENGTH} characters or fewer`;
    case "YES_NO":
      return `${name} ${quoted(text)} must be yes or no`;
    case "ONE_OF":
      return `${name} ${quoted(text)} must be one of ${declaration.type === "ONE_OF" ? declaration.options.join(", ") : ""}`;
    default:
      return `${name} ${quoted(text)} is not a date like 2026-12-01 or 01/12/2026`;
  }
}
