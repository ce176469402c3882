import { parseAmountPence } from "@/lib/direct-payments/failed-payments/parse-failed-payments";

import { PAYOUT_FILE_COLUMNS } from "./format-payout-file";
import { columnsText, decodeCsvUpload, linesText, readCsvUpload, type CsvRecord, type LineError } from "./parse-csv-upload";
import { paymentCodeProblem } from "./rules/payment-code";
import { shownValue } from "./rules/shown-value";

export { FILE_LEVEL, type LineError } from "./parse-csv-upload";

/**
 * The Payout payment-code file (docs/file-formats.md#payout-payment-code-file): the payment file we
 * sent, no header, with a 23rd column, the payment code. Parsing checks the shape of each line and
 * the file as a whole (no code or reference twice); whether a row belongs to the batch is
 * match-payment-codes.ts's job. Only columns 1 (amount), 13 (reference) and 23 (code) are read: the
 * rest is our own file coming back.
 */

export const PAYMENT_CODE_FILE_COLUMNS = PAYOUT_FILE_COLUMNS + 1;

/** Names for the error report's header row (the file itself has none). */
export const PAYMENT_CODE_REPORT_COLUMNS: readonly string[] = Array.from({ length: PAYMENT_CODE_FILE_COLUMNS }, (_, i) =>
  i === 0 ? "Amount" : i === 12 ? "Reference" : i === 22 ? "Payment code" : `Column ${i + 1}`,
);

const AMOUNT = 0;
const REFERENCE = 12;
const CODE = 22;

export interface PaymentCodeRow {
  lineNo: number;
  amountPence: number;
  reference: string;
  code: string;
}

export interface ParsedPaymentCodes {
  rows: PaymentCodeRow[];
  errors: LineError[];
}

/** A line read into its columns, with what is wrong with its values (before the duplicate checks). */
export interface PaymentCodeCandidate {
  lineNo: number;
  problems: string[];
  amountPence: number | null;
  reference: string;
  /** Only a well-formed code takes part in the duplicate check. */
  code: string | null;
}

/**
 * Parses the decoded text of an upload. Every line gets either a row or one error naming it (several
 * problems on a line are joined with "; "), so the person uploading sees everything wrong at once.
 */
export function parsePaymentCodes(text: string): ParsedPaymentCodes {
  const csv = readCsvUpload(text);
  if (!csv.ok) return { rows: [], errors: [csv.error] };

  const errors: LineError[] = [...csv.errors];
  const candidates: PaymentCodeCandidate[] = [];
  for (const record of csv.records) {
    const result = readPaymentCodeRecord(record);
    if ("message" in result) errors.push(result);
    else candidates.push(result);
  }
  markDuplicates(
    candidates,
    (c) => c.code,
    (c, others) => duplicateCodeProblem(c.code ?? "", others),
  );
  markDuplicates(
    candidates,
    (c) => (c.reference === "" ? null : c.reference.toUpperCase()),
    (c, others) => duplicateReferenceProblem(c.reference, others),
  );

  const rows: PaymentCodeRow[] = [];
  for (const c of candidates) {
    if (c.problems.length > 0 || c.amountPence === null || c.code === null) {
      errors.push({ lineNo: c.lineNo, message: `Line ${c.lineNo}: ${c.problems.join("; ")}` });
    } else rows.push({ lineNo: c.lineNo, amountPence: c.amountPence, reference: c.reference, code: c.code });
  }
  errors.sort((a, b) => a.lineNo - b.lineNo);
  return { rows, errors };
}

/** The same, from the uploaded bytes: binary or non-UTF-8 content is a whole-file error. */
export function parsePaymentCodesFile(bytes: Uint8Array): ParsedPaymentCodes {
  const decoded = decodeCsvUpload(bytes);
  return decoded.ok ? parsePaymentCodes(decoded.text) : { rows: [], errors: [decoded.error] };
}

/** The same code on several lines: `others` names them ("line 2", "lines 2 and 5"). */
export function duplicateCodeProblem(code: string, others: string): string {
  return `payment code ${shownValue(code)} is also on ${others}`;
}

/** The same reference (ignoring case) on several lines. */
export function duplicateReferenceProblem(reference: string, others: string): string {
  return `reference ${shownValue(reference)} is also on ${others}`;
}

/** One line's columns and values (the streaming check reads the file a line at a time with this). */
export function readPaymentCodeRecord({ lineNo, fields }: CsvRecord): PaymentCodeCandidate | LineError {
  // Checked before the column count: "looks like a header" tells the person what to do.
  if (lineNo === 1 && !/\d/.test(fields[AMOUNT] ?? "") && fields.some((f) => /[a-z]/i.test(f))) {
    return {
      lineNo,
      message: `Line 1 looks like a header row (it starts ${shownValue(fields.slice(0, 3).join(","))}); the payment-code file has no header row: delete that line and upload again`,
    };
  }
  if (fields.length !== PAYMENT_CODE_FILE_COLUMNS) {
    const hint =
      fields.length === PAYOUT_FILE_COLUMNS ? " (the payment file's 22 and the payment code: is the code missing?)" : "";
    return { lineNo, message: `Line ${lineNo} has ${columnsText(fields.length)}; expected ${PAYMENT_CODE_FILE_COLUMNS}${hint}` };
  }

  const problems: string[] = [];
  const amount = parseAmountPence(fields[AMOUNT]);
  if (typeof amount === "string") problems.push(amount);
  const reference = fields[REFERENCE];
  if (reference === "") problems.push("reference (column 13) is empty");
  const code = fields[CODE];
  const codeProblem = paymentCodeProblem(code);
  if (codeProblem !== null) problems.push(codeProblem);

  return {
    lineNo,
    problems,
    amountPence: typeof amount === "number" ? amount : null,
    reference,
    code: codeProblem === null ? code : null,
  };
}

/** Every line sharing a key gets a problem naming the other lines: none of them is "the right one". */
function markDuplicates(
  candidates: PaymentCodeCandidate[],
  keyOf: (c: PaymentCodeCandidate) => string | null,
  problem: (c: PaymentCodeCandidate, others: string) => string,
): void {
  const byKey = new Map<string, PaymentCodeCandidate[]>();
  for (const c of candidates) {
    const key = keyOf(c);
    if (key === null) continue;
    const group = byKey.get(key);
    if (group) group.push(c);
    else byKey.set(key, [c]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const c of group) {
      c.problems.push(problem(c, linesText(group.filter((g) => g !== c).map((g) => g.lineNo))));
    }
  }
}
