// The Payout payment file (docs/file-formats.md#payout-payment-file): the one module that owns its
// bytes. Pure: cash payments in, file text plus the per-line records, exclusions and warnings out;
// the London date, sequence, prefix and suffix of the file name are arguments.

import { cleanBacsText } from "@/lib/direct-payments/bacs/clean-bacs-text";
import { isIsoDate } from "@/lib/dates/london-date";
import { poundsText } from "@/lib/money";

import { normaliseUkPostcode } from "./rules/uk-postcode";

/** The letter template code when neither the setting nor a payment plan gives another. */
export const DEFAULT_LETTER_TEMPLATE_CODE = "NOMS1086-LET-003";

/** Column 10: the proof-of-identity code, `2` = ID check at the counter. */
export const PROOF_OF_IDENTITY_ID_CHECK = "2";

export const PAYOUT_FILE_COLUMNS = 22;

/**
 * LF, every line terminated, like the AccessPay file: the Payout file spec names no line ending,
 * and the project's files and reports all use LF. One constant, should the Post Office ask for CRLF.
 */
export const PAYOUT_LINE_END = "\n";

export interface PayoutPaymentInput {
  paymentId: string;
  /** Column 13, the key the payment-code and reconciliation files come back with: never cleaned. */
  paymentReference: string;
  amountPence: number;
  firstName: string;
  lastName: string;
  addressLine1: string;
  town: string;
  county: string | null;
  country: string;
  postcode: string;
  /** Column 19: the setting's code, or the payment plan's own. */
  letterTemplateCode: string;
  /** The claim's event (visit) date, or the first day of a cycle payment's period: YYYY-MM-DD. */
  eventDate: string;
}

/** One file line, as the run stores it so the returned files can be checked against it. */
export interface PayoutLine {
  paymentId: string;
  lineNo: number;
  paymentReference: string;
  amountPence: number;
}

/**
 * Hold reasons, by name, for a payment the file cannot carry. NAME_EMPTY_AFTER_CLEANING is the
 * existing HoldReason; the other two need adding to the enum before a run can hold payments for them.
 */
export type PayoutExclusionReason = "NAME_EMPTY_AFTER_CLEANING" | "ADDRESS_EMPTY_AFTER_CLEANING" | "INVALID_POSTCODE";

export interface PayoutExclusion {
  paymentId: string;
  paymentReference: string;
  /** The first problem found, in the order name, address line 1, postcode. */
  reason: PayoutExclusionReason;
  /** Every problem found, in words. */
  detail: string;
}

export type PayoutField = "firstName" | "lastName" | "addressLine1" | "town" | "county" | "country" | "postcode";

/** A value the file carries differently from the record: nothing is changed silently. */
export interface PayoutWarning {
  paymentId: string;
  paymentReference: string;
  field: PayoutField;
  before: string;
  after: string;
  changes: string[];
}

export interface PayoutFile {
  /** Printable ASCII and LF only, so its bytes are its characters. */
  text: string;
  lines: PayoutLine[];
  excluded: PayoutExclusion[];
  warnings: PayoutWarning[];
  totalPence: number;
  lineCount: number;
}

const FIELD_WORDS: Record<PayoutField, string> = {
  firstName: "first name",
  lastName: "last name",
  addressLine1: "address line 1",
  town: "town",
  county: "county",
  country: "country",
  postcode: "postcode",
};

// Values the portal makes or configures; they must already be file-safe, because cleaning the
// reference would break the match when the Post Office's files come back.
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const TEMPLATE_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 .-]*[A-Za-z0-9.-])?$/;
const HAS_LETTER = /[A-Za-z]/;

interface CleanFields {
  firstName: string;
  lastName: string;
  addressLine1: string;
  town: string;
  county: string;
  country: string;
  postcode: string;
}

type Outcome =
  { kind: "line"; fields: CleanFields; warnings: PayoutWarning[] } | { kind: "excluded"; exclusion: PayoutExclusion };

export function formatPayoutFile(inputs: readonly PayoutPaymentInput[]): PayoutFile {
  const seenIds = new Set<string>();
  const seenReferences = new Set<string>();
  const lines: PayoutLine[] = [];
  const rows: string[] = [];
  const excluded: PayoutExclusion[] = [];
  const warnings: PayoutWarning[] = [];
  let totalPence = 0;

  for (const input of inputs) {
    if (seenIds.has(input.paymentId)) throw new Error(`payment ${input.paymentId} given twice to formatPayoutFile`);
    seenIds.add(input.paymentId);
    const referenceKey = input.paymentReference.toUpperCase();
    if (seenReferences.has(referenceKey)) {
      throw new Error(`payment reference ${input.paymentReference} given twice to formatPayoutFile`);
    }
    seenReferences.add(referenceKey);

    const outcome = formatOne(input);
    if (outcome.kind === "excluded") {
      excluded.push(outcome.exclusion);
      continue;
    }
    lines.push({
      paymentId: input.paymentId,
      lineNo: lines.length + 1,
      paymentReference: input.paymentReference,
      amountPence: input.amountPence,
    });
    rows.push(lineText(input, outcome.fields));
    warnings.push(...outcome.warnings);
    totalPence += input.amountPence;
  }
  if (!Number.isSafeInteger(totalPence)) throw new Error("Payout file total exceeds the safe integer range");

  const text = rows.join("");
  // Cleaning guarantees this; the check stops a later change from sending the Post Office odd bytes.
  if (!/^[\x20-\x7E\n]*$/.test(text)) throw new Error("Payout file text is not printable ASCII");
  return { text, lines, excluded, warnings, totalPence, lineCount: lines.length };
}

function formatOne(input: PayoutPaymentInput): Outcome {
  assertPortalValues(input);
  const { paymentId, paymentReference } = input;
  const warnings: PayoutWarning[] = [];
  const problems: { reason: PayoutExclusionReason; words: string }[] = [];

  const clean = (field: Exclude<PayoutField, "postcode">, raw: string): string => {
    const { value, changes } = cleanBacsText(raw, { allowed: "payout" });
    if (changes.length > 0) warnings.push({ paymentId, paymentReference, field, before: raw, after: value, changes });
    return value;
  };

  const firstName = clean("firstName", input.firstName);
  const lastName = clean("lastName", input.lastName);
  const addressLine1 = clean("addressLine1", input.addressLine1);
  const town = clean("town", input.town);
  const county = clean("county", input.county ?? "");
  const country = clean("country", input.country);

  for (const [field, value] of [
    ["firstName", firstName],
    ["lastName", lastName],
  ] as const) {
    // A name part with no letter left (only digits, or nothing) cannot identify anyone at a counter.
    if (!HAS_LETTER.test(value)) {
      const words = value === "" ? "is empty after cleaning" : `has no letters after cleaning (${JSON.stringify(value)})`;
      problems.push({
        reason: "NAME_EMPTY_AFTER_CLEANING",
        words: `${FIELD_WORDS[field]} ${words}${changesOf(warnings, field)}`,
      });
    }
  }
  if (addressLine1 === "") {
    problems.push({
      reason: "ADDRESS_EMPTY_AFTER_CLEANING",
      words: `address line 1 is empty after cleaning${changesOf(warnings, "addressLine1")}`,
    });
  }

  const postcode = normaliseUkPostcode(input.postcode);
  if (!postcode.ok) problems.push({ reason: "INVALID_POSTCODE", words: postcode.problem });
  else if (postcode.changes.length > 0) {
    warnings.push({
      paymentId,
      paymentReference,
      field: "postcode",
      before: input.postcode,
      after: postcode.value,
      changes: postcode.changes,
    });
  }

  if (problems.length > 0 || !postcode.ok) {
    return {
      kind: "excluded",
      exclusion: {
        paymentId,
        paymentReference,
        reason: problems[0].reason,
        detail: problems.map((p) => p.words).join("; "),
      },
    };
  }
  return {
    kind: "line",
    fields: { firstName, lastName, addressLine1, town, county, country, postcode: postcode.value },
    warnings,
  };
}

function changesOf(warnings: readonly PayoutWarning[], field: PayoutField): string {
  const warning = warnings.find((w) => w.field === field);
  return warning ? ` (${warning.changes.join("; ")})` : "";
}

// Amounts, references, template codes and dates come from the database as checked values; anything
// else is a bug, not bad data, and fails the run loudly.
function assertPortalValues(input: PayoutPaymentInput): void {
  const { paymentId, amountPence, paymentReference, letterTemplateCode, eventDate } = input;
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0) {
    throw new Error(`payment ${paymentId}: amount must be a positive whole number of pence, got ${amountPence}`);
  }
  if (!REFERENCE.test(paymentReference)) {
    throw new Error(`payment ${paymentId}: payment reference ${JSON.stringify(paymentReference)} is not file-safe`);
  }
  if (!TEMPLATE_CODE.test(letterTemplateCode)) {
    throw new Error(`payment ${paymentId}: letter template code ${JSON.stringify(letterTemplateCode)} is not file-safe`);
  }
  if (!isIsoDate(eventDate)) {
    throw new Error(`payment ${paymentId}: event date ${JSON.stringify(eventDate)} is not a YYYY-MM-DD date`);
  }
}

// Cleaned values hold only letters, digits, space, "-" and ".", so no field ever needs quoting.
function lineText(input: PayoutPaymentInput, f: CleanFields): string {
  const columns = [
    poundsText(input.amountPence), // 1
    "", // 2
    f.firstName, // 3
    f.lastName, // 4
    f.addressLine1, // 5
    f.town, // 6
    f.county, // 7
    f.country, // 8
    f.postcode, // 9
    PROOF_OF_IDENTITY_ID_CHECK, // 10
    "", // 11
    "", // 12
    input.paymentReference, // 13
    "", // 14
    "", // 15
    "", // 16
    "", // 17
    "", // 18
    input.letterTemplateCode, // 19
    "", // 20
    "", // 21
    fileDate(input.eventDate), // 22
  ];
  if (columns.length !== PAYOUT_FILE_COLUMNS) throw new Error(`a Payout line must have ${PAYOUT_FILE_COLUMNS} columns`);
  return columns.join(",") + PAYOUT_LINE_END;
}

/** "2026-03-14" -> "14 03 2026", the file's date form. */
function fileDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day} ${month} ${year}`;
}

export interface PayoutFileNameOptions {
  /** Configurable; may be empty. */
  prefix: string;
  /** Configurable, before ".csv"; may be empty. */
  suffix: string;
  /** The London date the batch was created on, YYYY-MM-DD. */
  londonDate: string;
  /** The day's sequence number of the batch, from 1. */
  sequence: number;
}

export const MAX_PAYOUT_FILES_PER_DAY = 999;

const FILE_NAME_PART = /^[A-Za-z0-9._-]*$/;

/** `{prefix}{DDMMYYYY}_{NNN}{suffix}.csv`. */
export function payoutFileName({ prefix, suffix, londonDate, sequence }: PayoutFileNameOptions): string {
  if (!isIsoDate(londonDate)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(londonDate)}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_PAYOUT_FILES_PER_DAY) {
    throw new RangeError(`sequence must be a whole number from 1 to ${MAX_PAYOUT_FILES_PER_DAY}, got ${sequence}`);
  }
  for (const [what, part] of [
    ["prefix", prefix],
    ["suffix", suffix],
  ] as const) {
    if (!FILE_NAME_PART.test(part)) {
      throw new RangeError(`file name ${what} may hold only letters, digits, ".", "_" and "-": ${JSON.stringify(part)}`);
    }
  }
  const [year, month, day] = londonDate.split("-");
  return `${prefix}${day}${month}${year}_${String(sequence).padStart(3, "0")}${suffix}.csv`;
}
