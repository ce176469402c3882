import {
  BINARY_FILE_MESSAGE,
  decodeUpload,
  EMPTY_FILE_MESSAGE,
  splitFields,
  splitUploadLines,
  type UploadLine,
} from "@/lib/uploads/upload-lines";

/**
 * The text rules both Payout uploads share (docs/file-formats.md#rules-for-every-upload): UTF-8 with
 * or without a BOM, LF or CRLF, quoted fields, trailing blank lines ignored. Anything else is an
 * error that names its line, or the whole file (line 0) when it is empty or not text. What the
 * fields must hold is each format's own parser's job.
 */

/** A problem with one line; lineNo FILE_LEVEL (0) means the whole file (empty, binary). */
export interface LineError {
  lineNo: number;
  message: string;
}

export const FILE_LEVEL = 0;

export interface CsvRecord {
  lineNo: number;
  /** Fields with surrounding spaces trimmed. */
  fields: string[];
}

export type CsvUpload = { ok: true; records: CsvRecord[]; errors: LineError[] } | { ok: false; error: LineError };

/** The uploaded bytes as text, or why they are not: binary or non-UTF-8 content is a whole-file error. */
export function decodeCsvUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: LineError } {
  const decoded = decodeUpload(bytes);
  return decoded.ok ? decoded : { ok: false, error: { lineNo: FILE_LEVEL, message: decoded.message } };
}

export function readCsvUpload(text: string): CsvUpload {
  // A decoder that was not fatal leaves U+FFFD where bytes were not UTF-8; NUL is never in a CSV.
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    return { ok: false, error: { lineNo: FILE_LEVEL, message: BINARY_FILE_MESSAGE } };
  }
  const lines = splitUploadLines(text);
  if (lines.length === 0) return { ok: false, error: { lineNo: FILE_LEVEL, message: EMPTY_FILE_MESSAGE } };

  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  for (const line of lines) {
    const read = readCsvLine(line);
    if ("message" in read) errors.push(read);
    else records.push(read);
  }
  return { ok: true, records, errors };
}

/**
 * One line of an upload (as splitUploadLines or, streaming, uploadLineBatches gives it): its
 * trimmed fields, or why it cannot be read.
 */
export function readCsvLine({ lineNo, text: line }: UploadLine): CsvRecord | LineError {
  if (line.trim() === "")
    return { lineNo, message: `Line ${lineNo} is blank; blank lines are only allowed at the end of the file` };
  if (line.includes("\r")) {
    return { lineNo, message: `Line ${lineNo} contains a carriage return (CR) on its own; use LF or CRLF line endings` };
  }
  const { fields, problem } = splitFields(line);
  if (problem) return { lineNo, message: `Line ${lineNo} ${problem}` };
  return { lineNo, fields: fields.map((f) => f.trim()) };
}

/** "1 column", "24 columns". */
export function columnsText(count: number): string {
  return count === 1 ? "1 column" : `${count} columns`;
}

/** "line 4", "lines 4 and 9", "lines 2, 4 and 9". */
export function linesText(lineNos: readonly number[]): string {
  if (lineNos.length === 1) return `line ${lineNos[0]}`;
  return `lines ${lineNos.slice(0, -1).join(", ")} and ${lineNos[lineNos.length - 1]}`;
}
