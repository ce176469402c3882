import {
  BINARY_FILE_MESSAGE,
  decodeUpload,
  EMPTY_FILE_MESSAGE,
  splitFields,
  splitUploadLines,
  type UploadLine,
} from "../../uploads/upload-lines";

export { decodeUpload, looksBinary } from "../../uploads/upload-lines";

/** A value from the file inside a message: quoted, and cut short so no message grows with the line. */
export function shownValue(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * SSCL's failed-payments file (docs/file-formats.md#sscl-failed-payments-upload): the failed lines
 * of an AccessPay file, i.e. its five columns (sort code, account number, name, amount, reference),
 * no header, optionally with a sixth column, the failure reason. Parsing only checks shape; whether
 * a row is a line we actually sent is match-failed-payments.ts's job.
 */

export interface FailedPaymentRow {
  lineNo: number;
  sortCode: string;
  accountNumber: string;
  name: string;
  amountPence: number;
  reference: string;
  reason: string | null;
}

/** A problem with one line; lineNo FILE_LEVEL (0) means the whole file (empty, binary). */
export interface LineError {
  lineNo: number;
  message: string;
}

export interface ParsedFailedPayments {
  rows: FailedPaymentRow[];
  errors: LineError[];
}

export const FILE_LEVEL = 0;

export { FAILED_PAYMENT_COLUMNS } from "@/lib/uploads/report-columns";

/**
 * Parses the decoded text of an upload. Every line gets either a row or one error naming it
 * (several problems on a line are joined with "; "), so the person uploading sees everything
 * wrong at once. Fields are trimmed of surrounding spaces before they are checked.
 */
export function parseFailedPayments(text: string): ParsedFailedPayments {
  // A decoder that was not fatal leaves U+FFFD where bytes were not UTF-8; NUL is never in a CSV.
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    return { rows: [], errors: [{ lineNo: FILE_LEVEL, message: BINARY_FILE_MESSAGE }] };
  }
  const lines = splitUploadLines(text);
  if (lines.length === 0) return { rows: [], errors: [{ lineNo: FILE_LEVEL, message: EMPTY_FILE_MESSAGE }] };

  const rows: FailedPaymentRow[] = [];
  const errors: LineError[] = [];
  for (const line of lines) {
    const result = parseFailedPaymentLine(line);
    if ("error" in result) errors.push(result.error);
    else rows.push(result.row);
  }
  return { rows, errors };
}

/** The same, from the uploaded bytes: binary or non-UTF-8 content is a whole-file error. */
export function parseFailedPaymentsFile(bytes: Uint8Array): ParsedFailedPayments {
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return { rows: [], errors: [{ lineNo: FILE_LEVEL, message: decoded.message }] };
  return parseFailedPayments(decoded.text);
}

/** The kinds of line error the parser finds; stored messages are capped per kind. */
export type ParseErrorKind = "blank" | "carriage-return" | "quotes" | "header" | "columns" | "values";

/** One line: a row, or the error naming it and its kind. */
export function parseFailedPaymentLine({
  lineNo,
  text,
}: UploadLine): { row: FailedPaymentRow } | { error: LineError; kind: ParseErrorKind } {
  const fail = (kind: ParseErrorKind, message: string) => ({ error: { lineNo, message }, kind });
  if (text.trim() === "") return fail("blank", `Line ${lineNo} is blank; blank lines are only allowed at the end of the file`);
  if (text.includes("\r")) {
    return fail("carriage-return", `Line ${lineNo} contains a carriage return (CR) on its own; use LF or CRLF line endings`);
  }
  const { fields: raw, problem } = splitFields(text);
  if (problem) return fail("quotes", `Line ${lineNo} ${problem}`);
  const fields = raw.map((f) => f.trim());

  // Checked before the column count: a header usually has the right number of columns, and
  // "looks like a header" is the message that tells the person what to do.
  if (lineNo === 1 && looksLikeHeader(fields)) {
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    return fail(
      "header",
      `Line 1 looks like a header row (${JSON.stringify(shown)}); the file must have no header row: delete that line and upload again`,
    );
  }
  if (fields.length !== 5 && fields.length !== 6) {
    const columns = fields.length === 1 ? "1 column" : `${fields.length} columns`;
    return fail("columns", `Line ${lineNo} has ${columns}; expected 5 or 6`);
  }

  const [sortCode, accountNumber, name, amount, reference, reason = ""] = fields;
  const problems: string[] = [];
  if (!/^\d{6}$/.test(sortCode)) {
    problems.push(
      `sort code ${shownValue(sortCode)} must be exactly 6 digits, no dashes or spaces${leadingZeroHint(sortCode, 6)}`,
    );
  }
  if (!/^\d{8}$/.test(accountNumber)) {
    problems.push(`account number ${shownValue(accountNumber)} must be exactly 8 digits${leadingZeroHint(accountNumber, 8)}`);
  }
  const amountPence = parseAmountPence(amount);
  if (typeof amountPence === "string") problems.push(amountPence);
  if (reference === "") problems.push("reference is empty");
  if (problems.length > 0 || typeof amountPence === "string") return fail("values", `Line ${lineNo}: ${problems.join("; ")}`);

  return { row: { lineNo, sortCode, accountNumber, name, amountPence, reference, reason: reason === "" ? null : reason } };
}

/** Header if no field that must hold digits (sort code, account, amount) has one, and some field has a letter. */
function looksLikeHeader(fields: string[]): boolean {
  const numeric = [fields[0], fields[1], fields[3]].filter((f): f is string => f !== undefined);
  return numeric.every((f) => !/\d/.test(f)) && fields.some((f) => /[a-z]/i.test(f));
}

// Spreadsheets drop leading zeros from digit-only columns; saying so saves a support call.
function leadingZeroHint(value: string, length: number): string {
  return /^\d+$/.test(value) && value.length < length ? " (a spreadsheet may have dropped leading zeros)" : "";
}

/**
 * Pounds with 0, 1 or 2 decimals ("12", "12.5", "12.50") to integer pence, by string arithmetic
 * so no floating-point rounding can creep in. Returns the problem as a string otherwise.
 */
export function parseAmountPence(amount: string): number | string {
  const shown = shownValue(amount);
  if (amount === "") return "amount is empty";
  if (/^-\d*\.?\d+$/.test(amount)) return `amount ${shown} must be greater than zero`;
  if (/^\d+\.\d{3,}$/.test(amount)) return `amount ${shown} has more than two decimal places`;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) return `amount ${shown} is not a number of pounds like 123.99 (no £ sign or commas)`;
  const pence = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(pence)) return `amount ${shown} is too large`;
  if (pence === 0) return `amount ${shown} must be greater than zero`;
  return pence;
}
