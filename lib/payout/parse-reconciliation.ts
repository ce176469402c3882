import { parseAmountPence } from "@/lib/direct-payments/failed-payments/parse-failed-payments";
import { isIsoDate } from "@/lib/dates/london-date";

import { columnsText, decodeCsvUpload, readCsvUpload, type CsvRecord, type LineError } from "./parse-csv-upload";
import { paymentCodeProblem } from "./rules/payment-code";
import { shownValue } from "./rules/shown-value";

export { FILE_LEVEL, type LineError } from "./parse-csv-upload";

/**
 * The Payout reconciliation file (docs/file-formats.md#payout-reconciliation-file): the Post Office's
 * daily report, with a header row naming the columns. Parsing checks the header and the shape of
 * each row; whether a row agrees with our voucher (and the dates with today and the delivery) is
 * match-reconciliation.ts's job.
 */

export const RECONCILIATION_COLUMNS = ["Reference", "Payment Code", "Amount", "Status", "Status Date"] as const;
export type ReconciliationColumn = (typeof RECONCILIATION_COLUMNS)[number];
type Column = ReconciliationColumn;

export const VOUCHER_FINAL_STATUSES = ["CASHED", "EXPIRED", "CANCELLED"] as const;
export type VoucherFinalStatus = (typeof VOUCHER_FINAL_STATUSES)[number];

export interface ReconciliationRow {
  lineNo: number;
  reference: string;
  code: string;
  amountPence: number;
  status: VoucherFinalStatus;
  /** YYYY-MM-DD, whichever form the file used. */
  statusDate: string;
  /** The date as the file wrote it, for messages. */
  statusDateText: string;
}

export interface ParsedReconciliation {
  rows: ReconciliationRow[];
  errors: LineError[];
}

// Names compare case-insensitively, and a stray double space or trailing space does not matter.
const columnKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

export function parseReconciliation(text: string): ParsedReconciliation {
  const csv = readCsvUpload(text);
  if (!csv.ok) return { rows: [], errors: [csv.error] };
  const [first, ...data] = csv.records;
  // The header must be the first line; a broken first line (quotes, CR) is already an error.
  if (!first || first.lineNo !== 1) return { rows: [], errors: csv.errors };

  const header = readReconciliationHeader(first.fields);
  if ("message" in header) return { rows: [], errors: [...csv.errors, header] };
  if (data.length === 0 && csv.errors.length === 0) {
    return { rows: [], errors: [{ lineNo: 1, message: HEADER_ONLY_MESSAGE }] };
  }

  const rows: ReconciliationRow[] = [];
  const errors: LineError[] = [...csv.errors];
  for (const record of data) {
    const result = readReconciliationRecord(record, header, first.fields.length);
    if ("message" in result) errors.push(result);
    else rows.push(result);
  }
  errors.sort((a, b) => a.lineNo - b.lineNo);
  return { rows, errors };
}

/** The same, from the uploaded bytes: binary or non-UTF-8 content is a whole-file error. */
export function parseReconciliationFile(bytes: Uint8Array): ParsedReconciliation {
  const decoded = decodeCsvUpload(bytes);
  return decoded.ok ? parseReconciliation(decoded.text) : { rows: [], errors: [decoded.error] };
}

/** "Line 1: the file has a header row but no data rows". */
export const HEADER_ONLY_MESSAGE = "Line 1: the file has a header row but no data rows";

/** The header row's columns by position, or what is wrong with it (an error on line 1). */
export function readReconciliationHeader(fields: readonly string[]): Map<Column, number> | LineError {
  const positions = new Map<Column, number>();
  const twice: Column[] = [];
  fields.forEach((field, index) => {
    const column = RECONCILIATION_COLUMNS.find((c) => columnKey(c) === columnKey(field));
    if (column === undefined) return; // extra columns are ignored
    if (positions.has(column)) twice.push(column);
    else positions.set(column, index);
  });
  const missing = RECONCILIATION_COLUMNS.filter((c) => !positions.has(c));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `missing column${missing.length === 1 ? "" : "s"} ${missing.map((c) => JSON.stringify(c)).join(", ")} (the header row must name ${RECONCILIATION_COLUMNS.join(", ")}; found ${shownValue(fields.join(","))})`,
    );
  }
  if (twice.length > 0) {
    problems.push(`column${twice.length === 1 ? "" : "s"} ${twice.map((c) => JSON.stringify(c)).join(", ")} named twice`);
  }
  return problems.length > 0 ? { lineNo: 1, message: `Line 1: ${problems.join("; ")}` } : positions;
}

/**
 * One data line, read by the header's positions (the streaming check reads the file a line at a
 * time with this): a row, or its error.
 */
export function readReconciliationRecord(
  { lineNo, fields }: CsvRecord,
  header: ReadonlyMap<Column, number>,
  headerWidth: number,
): ReconciliationRow | LineError {
  if (fields.length !== headerWidth) {
    return { lineNo, message: `Line ${lineNo} has ${columnsText(fields.length)}; the header row has ${headerWidth}` };
  }
  return readRow(lineNo, (column) => fields[header.get(column)!]);
}

function readRow(lineNo: number, value: (column: Column) => string): ReconciliationRow | LineError {
  const problems: string[] = [];

  const reference = value("Reference");
  if (reference === "") problems.push("reference is empty");

  const code = value("Payment Code");
  const codeProblem = paymentCodeProblem(code);
  if (codeProblem !== null) problems.push(codeProblem);

  const amountPence = parseAmountPence(value("Amount"));
  if (typeof amountPence === "string") problems.push(amountPence);

  const statusText = value("Status");
  const status = VOUCHER_FINAL_STATUSES.find((s) => s === statusText.toUpperCase());
  if (status === undefined) {
    problems.push(`status ${shownValue(statusText)} is not one of ${VOUCHER_FINAL_STATUSES.join(", ")}`);
  }

  const statusDateText = value("Status Date");
  const statusDate = parseStatusDate(statusDateText);
  if (statusDate.problem !== null) problems.push(statusDate.problem);

  if (problems.length > 0 || typeof amountPence === "string" || status === undefined || statusDate.iso === null) {
    return { lineNo, message: `Line ${lineNo}: ${problems.join("; ")}` };
  }
  return { lineNo, reference, code, amountPence, status, statusDate: statusDate.iso, statusDateText };
}

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** `DD/MM/YYYY` or `YYYY-MM-DD` to YYYY-MM-DD; a date that does not exist (31/02) is a problem. */
export function parseStatusDate(text: string): { iso: string; problem: null } | { iso: null; problem: string } {
  const shown = shownValue(text);
  if (text === "") return { iso: null, problem: "status date is empty" };
  const dmy = DMY.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : YMD.test(text) ? text : null;
  if (iso === null) return { iso: null, problem: `status date ${shown} is not a date like 20/11/2026 or 2026-11-20` };
  if (!isIsoDate(iso)) return { iso: null, problem: `status date ${shown} is not a real date` };
  return { iso, problem: null };
}
