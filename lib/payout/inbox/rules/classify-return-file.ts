import { PAYMENT_CODE_FILE_COLUMNS } from "@/lib/payout/parse-payment-codes";
import { PAYOUT_FILE_COLUMNS } from "@/lib/payout/format-payout-file";
import { columnsText } from "@/lib/payout/parse-csv-upload";
import { shownValue } from "@/lib/payout/rules/shown-value";
import { splitFields } from "@/lib/uploads/upload-lines";

/**
 * Which of the Post Office's return files a file fetched from the Payout inbox is
 * (docs/file-formats.md#incoming-folder), judged by its first line only: the import that follows
 * checks every line. A reconciliation report has a header row naming Reference and Status (the
 * report's other columns are the import's business, so a report missing one is still sent there
 * and rejected with the import's message); a payment-code file has no header and 23 columns.
 * Anything else is not imported.
 */

export type ReturnFileKind = "PAYOUT_PAYMENT_CODES" | "PAYOUT_RECONCILIATION";

export type ReturnFileClass = { kind: ReturnFileKind } | { kind: null; reason: string };

/** The first line is read up to this many bytes; both formats' lines are far shorter. */
export const FIRST_LINE_MAX_BYTES = 4 * 1024;

const LF = 0x0a;
const BOM = "\uFEFF";
const columnKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

const NEITHER =
  "neither a payment-code file (no header row, 23 columns) nor a reconciliation report (a header row naming Reference and Status)";

export function classifyReturnFile(bytes: Uint8Array): ReturnFileClass {
  if (bytes.byteLength === 0) return { kind: null, reason: "The file is empty." };
  const end = bytes.indexOf(LF);
  const lineEnd = end === -1 ? bytes.byteLength : end;
  if (lineEnd > FIRST_LINE_MAX_BYTES) {
    return { kind: null, reason: `Line 1 is longer than ${FIRST_LINE_MAX_BYTES.toLocaleString("en-GB")} bytes: ${NEITHER}.` };
  }
  const firstLine = bytes.subarray(0, lineEnd);
  let text: string;
  try {
    if (firstLine.includes(0)) throw new Error("NUL");
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(firstLine);
  } catch {
    return { kind: null, reason: `Line 1 is not UTF-8 text (a binary file?): ${NEITHER}.` };
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text.trim() === "") return { kind: null, reason: `Line 1 is blank: ${NEITHER}.` };

  const { fields: raw, problem } = splitFields(text);
  if (problem !== null) return { kind: null, reason: `Line 1 ${problem}: ${NEITHER}.` };
  const fields = raw.map((f) => f.trim());

  const names = new Set(fields.map(columnKey));
  if (names.has("reference") && names.has("status")) return { kind: "PAYOUT_RECONCILIATION" };

  // The payment-code parser's own test for a header row: a first column without a digit (an amount
  // always has one) on a line with letters.
  const looksLikeHeader = !/\d/.test(fields[0] ?? "") && fields.some((f) => /[a-z]/i.test(f));
  if (looksLikeHeader) {
    return {
      kind: null,
      reason: `Line 1 looks like a header row (it starts ${shownValue(fields.slice(0, 3).join(","))}) but names no Reference and Status columns: ${NEITHER}.`,
    };
  }
  if (fields.length === PAYMENT_CODE_FILE_COLUMNS) return { kind: "PAYOUT_PAYMENT_CODES" };

  const hint = fields.length === PAYOUT_FILE_COLUMNS ? " (the payment file's 22 columns: is the payment code missing?)" : "";
  return { kind: null, reason: `Line 1 has ${columnsText(fields.length)}${hint}: ${NEITHER}.` };
}
