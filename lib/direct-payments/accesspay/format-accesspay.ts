// The AccessPay payment file (docs/file-formats.md#accesspay-csv): the one module that owns its
// bytes.
// Pure: payments in, file text plus the per-line records, exclusions and warnings out; or one
// payment at a time (AccessPayFormatter), for the run, which streams the file.

import { bankDetailsProblem, rollNumberOrNull, type BankDetailsProblem } from "@/lib/bank-details/payable-bank-details";
import type { BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { poundsText } from "@/lib/money";

import { cleanBacsText } from "../bacs/clean-bacs-text";
import { utcFileTimestamp } from "../../batches/file-timestamp";

/** Bacs allows 18 characters in the payee name and the reference fields. */
export const ACCESSPAY_FIELD_MAX = 18;

export interface AccessPayInput {
  paymentId: string;
  paymentReference: string;
  amountPence: number;
  bank: BankDetailsPlain;
}

/**
 * One file line, as the run stores it so a failed-payments row can be matched back
 * (docs/file-formats.md#matching-failed-rows).
 */
export interface AccessPayLine {
  paymentId: string;
  lineNo: number;
  /** What column 5 holds: the cleaned payment reference, or the cleaned roll number. */
  fileReference: string;
  /** What column 3 holds: the cleaned name on the account. */
  payeeName: string;
  amountPence: number;
  bank: BankDetailsPlain;
}

/** Same words as the payment hold reasons, so the run can put the payment on hold as-is. */
export type AccessPayExclusionReason = "BAD_BANK_DETAILS" | "NAME_EMPTY_AFTER_CLEANING";

export interface AccessPayExclusion {
  paymentId: string;
  reason: AccessPayExclusionReason;
  detail: string;
}

export interface AccessPayWarning {
  paymentId: string;
  paymentReference: string;
  field: "name" | "reference";
  changes: string[];
}

export interface AccessPayFile {
  text: string;
  lines: AccessPayLine[];
  excluded: AccessPayExclusion[];
  warnings: AccessPayWarning[];
  totalPence: number;
  lineCount: number;
}

const BANK_CHECK_DETAIL: Record<BankDetailsProblem, string> = {
  SORT_CODE_FORMAT: "sort code is not exactly 6 digits",
  ACCOUNT_NUMBER_FORMAT: "account number is not exactly 8 digits",
  MODULUS: "sort code and account number fail the UK modulus check",
  ROLL_NUMBER: "roll number is not 1 to 18 Bacs characters",
};

type Outcome =
  | { kind: "line"; line: Omit<AccessPayLine, "lineNo">; warnings: AccessPayWarning[] }
  | { kind: "excluded"; exclusion: AccessPayExclusion };

/** What one payment becomes: a line of the file (its text included), or an exclusion. */
export type AccessPayOutcome =
  | { kind: "line"; line: AccessPayLine; text: string; warnings: AccessPayWarning[] }
  | { kind: "excluded"; exclusion: AccessPayExclusion };

/**
 * The file one payment at a time, for files too big to hold (the run streams them): line numbers
 * and the total carry over from payment to payment, so the lines it gives, joined, are exactly
 * formatAccessPay's text for the same payments in the same order. Payments are not checked for
 * duplicates here (that would mean keeping every id): the caller's source must not repeat one.
 */
export class AccessPayFormatter {
  lineCount = 0;
  totalPence = 0;

  add(input: AccessPayInput): AccessPayOutcome {
    const outcome = formatOne(input);
    if (outcome.kind === "excluded") return outcome;
    // Field by field, not { ...outcome.line, lineNo }: on Node 20 the objects that spread makes end
    // up in the old generation (--trace-gc-nvp: about 160 bytes promoted a payment), which only the
    // costly full collections clear, and a run formats every payment twice.
    const { paymentId, fileReference, payeeName, amountPence, bank } = outcome.line;
    const line: AccessPayLine = { paymentId, fileReference, payeeName, amountPence, bank, lineNo: this.lineCount + 1 };
    const text = lineText(line);
    // Cleaning guarantees this; the check stops a future change from sending a bank odd bytes.
    if (!/^[\x20-\x7E]*\n$/.test(text)) throw new Error("AccessPay text is not printable ASCII");
    const totalPence = this.totalPence + line.amountPence;
    if (!Number.isSafeInteger(totalPence)) throw new Error("AccessPay total exceeds the safe integer range");
    this.lineCount += 1;
    this.totalPence = totalPence;
    return { kind: "line", line, text, warnings: outcome.warnings };
  }
}

export function formatAccessPay(inputs: readonly AccessPayInput[]): AccessPayFile {
  const seen = new Set<string>();
  const formatter = new AccessPayFormatter();
  const lines: AccessPayLine[] = [];
  const texts: string[] = [];
  const excluded: AccessPayExclusion[] = [];
  const warnings: AccessPayWarning[] = [];

  for (const input of inputs) {
    if (seen.has(input.paymentId)) throw new Error(`payment ${input.paymentId} given twice to formatAccessPay`);
    seen.add(input.paymentId);

    const outcome = formatter.add(input);
    if (outcome.kind === "excluded") {
      excluded.push(outcome.exclusion);
      continue;
    }
    lines.push(outcome.line);
    texts.push(outcome.text);
    warnings.push(...outcome.warnings);
  }

  return {
    text: texts.join(""),
    lines,
    excluded,
    warnings,
    totalPence: formatter.totalPence,
    lineCount: formatter.lineCount,
  };
}

function formatOne(input: AccessPayInput): Outcome {
  const { paymentId, paymentReference, amountPence, bank } = input;
  // Amounts come from the database as checked integers; anything else is a bug, not bad data.
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0) {
    throw new Error(`payment ${paymentId}: amount must be a positive whole number of pence, got ${amountPence}`);
  }
  const exclude = (reason: AccessPayExclusionReason, detail: string): Outcome => ({
    kind: "excluded",
    exclusion: { paymentId, reason, detail },
  });

  const problem = bankDetailsProblem(bank);
  if (problem !== null) return exclude("BAD_BANK_DETAILS", BANK_CHECK_DETAIL[problem]);
  const rollNumber = rollNumberOrNull(bank.rollNumber);

  const name = cleanBacsText(bank.nameOnAccount, { maxLength: ACCESSPAY_FIELD_MAX });
  if (name.value === "") {
    const why = name.changes.length > 0 ? `: ${name.changes.join("; ")}` : "";
    return exclude("NAME_EMPTY_AFTER_CLEANING", `name on account is empty after cleaning${why}`);
  }

  // Bacs wants the roll number in the reference field; the stored line keeps the payment traceable.
  const reference = cleanBacsText(rollNumber ?? paymentReference, { maxLength: ACCESSPAY_FIELD_MAX });
  if (reference.value === "") {
    if (rollNumber !== null) return exclude("BAD_BANK_DETAILS", "roll number has no letters or digits");
    throw new Error(`payment ${paymentId}: payment reference '${paymentReference}' is empty after cleaning`);
  }

  const warnings: AccessPayWarning[] = [];
  if (name.changes.length > 0) warnings.push({ paymentId, paymentReference, field: "name", changes: name.changes });
  if (reference.changes.length > 0) {
    warnings.push({ paymentId, paymentReference, field: "reference", changes: reference.changes });
  }
  return {
    kind: "line",
    line: { paymentId, fileReference: reference.value, payeeName: name.value, amountPence, bank },
    warnings,
  };
}

// No header, no trailer, LF, and every line (the last included) ends with a newline.
function lineText(line: AccessPayLine): string {
  const { sortCode, accountNumber } = line.bank;
  return `${sortCode},${accountNumber},${line.payeeName},${poundsText(line.amountPence)},${line.fileReference}\n`;
}

export interface AccessPayFileNameOptions {
  /** Configurable (docs/file-formats.md#file-name-totals-and-storage). */
  prefix?: string;
}

/** `accesspay_YYYYMMDD_HHmmss.csv` from the run's frozen start time, in UTC. */
export function accessPayFileName(runStartedAt: Date, options: AccessPayFileNameOptions = {}): string {
  const { prefix = "accesspay_" } = options;
  return `${prefix}${utcFileTimestamp(runStartedAt)}.csv`;
}
