import Papa from "papaparse";

/**
 * Shared by every upload parser and by the error report: turning decoded text into numbered lines
 * and fields, following docs/file-formats.md#rules-for-every-upload.
 *
 * Why line by line rather than one Papa.parse of the whole text: every message must name the line,
 * and only physical lines match what a person sees in an editor. Our formats never put a line break
 * inside a field, so a quote left open at the end of a line is reported as an error on that line
 * instead of silently swallowing the following lines.
 */

export interface UploadLine {
  /** 1-based physical line number in the uploaded file. */
  lineNo: number;
  text: string;
}

const BOM = "\uFEFF";

export const BINARY_FILE_MESSAGE = "The file is not a CSV text file (it contains binary data or is not UTF-8)";
export const EMPTY_FILE_MESSAGE = "The file is empty";

/** True for bytes that are not UTF-8 text: a NUL byte (no CSV has one), or invalid UTF-8. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Decodes an upload, or says why it is not text. A BOM is stripped by TextDecoder. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (looksBinary(bytes)) return { ok: false, message: BINARY_FILE_MESSAGE };
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
}

/**
 * Splits text into numbered lines: strips one leading BOM, accepts LF and CRLF, and drops trailing
 * blank (empty or whitespace-only) lines. Blank lines in the middle are kept, so the parser can
 * report them; a lone CR is left inside the line text for the same reason.
 */
export function splitUploadLines(text: string): UploadLine[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = body.split(/\r?\n/).map((t, i) => ({ lineNo: i + 1, text: t }));
  while (lines.length > 0 && lines[lines.length - 1].text.trim() === "") lines.pop();
  return lines;
}

/**
 * Fields of one line, with papaparse: comma only (no delimiter guessing, which could pick ";" or a
 * tab from a reason text), no dynamicTyping (it turns "010203" into 10203 and "0012.30" into 12.3).
 * `problem` is set when quoting is broken; the fields are then papaparse's best effort.
 */
export function splitFields(line: string): { fields: string[]; problem: string | null } {
  const result = Papa.parse<string[]>(line, {
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const fields = result.data[0] ?? [];
  const error = result.errors[0];
  let problem: string | null = null;
  if (error) {
    problem =
      error.code === "MissingQuotes"
        ? "has a quoted field with no closing quote"
        : error.code === "InvalidQuotes"
          ? "has a quote in the wrong place (a quoted field must be quoted from its first to its last character)"
          : `could not be read as CSV (${error.message})`;
  }
  return { fields, problem };
}
