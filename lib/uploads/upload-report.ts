import Papa from "papaparse";
import { splitFields, splitUploadLines } from "./upload-lines";

/**
 * The download offered when an upload has errors (docs/file-formats.md#error-report): the uploaded
 * rows as they were, with an added Error column, empty for rows that were fine.
 *
 * Choices, and why:
 * - A header row (the format's column names, then "Error") comes first. People read this file in
 *   a spreadsheet, and the header makes the uploaders refuse it if it is sent back unedited, rather
 *   than the Error column being taken for a sixth "reason" column.
 * - Every row is padded to the same width so the Error column lines up, even for rows that had
 *   the wrong number of columns.
 * - LF line endings, final line terminated, and a UTF-8 BOM by default: messages contain "£", which
 *   Excel shows as "Â£" in a UTF-8 file without one.
 * - Cells starting with = + - @ tab or CR get a leading ' (CSV injection: the rows came from an
 *   upload and are opened in Excel), except plain negative numbers, which are harmless.
 * - When the whole file was refused (lineNo 0: empty or binary), the report is just that message:
 *   there are no rows worth repeating.
 */

export interface ReportOutcome {
  lineNo: number;
  outcome: string;
  message?: string;
}

export interface ErrorReportOptions {
  /** Names for the header row; extra columns are named "Column 7" and so on. */
  columns?: readonly string[];
  /** Start with a UTF-8 byte order mark (default true). */
  bom?: boolean;
}

const FORMULA = /^(?!-\d+(\.\d+)?$)[=+\-@\t\r]/;

export function errorReportCsv(
  originalText: string,
  outcomes: readonly ReportOutcome[],
  options: ErrorReportOptions = {},
): string {
  const errorsByLine = new Map<number, string[]>();
  for (const o of outcomes) {
    if (o.outcome !== "ERROR") continue;
    const message = o.message ?? "Error";
    errorsByLine.set(o.lineNo, [...(errorsByLine.get(o.lineNo) ?? []), message]);
  }

  const fileErrors = errorsByLine.get(0);
  const lines = fileErrors ? [] : splitUploadLines(originalText);
  const body = lines.map((line) => ({
    fields: splitFields(line.text).fields,
    error: (errorsByLine.get(line.lineNo) ?? []).join("; "),
  }));
  if (fileErrors) body.push({ fields: [], error: fileErrors.join("; ") });

  const names = options.columns ?? [];
  const width = Math.max(names.length, ...body.map((r) => r.fields.length), 1);
  const header = Array.from({ length: width }, (_, i) => names[i] ?? `Column ${i + 1}`);
  const pad = (fields: string[]) => [...fields, ...Array<string>(width - fields.length).fill("")];
  const data = [[...header, "Error"], ...body.map((r) => [...pad(r.fields), r.error])];

  const csv = Papa.unparse(data, { newline: "\n", escapeFormulae: FORMULA }) + "\n";
  return (options.bom ?? true) ? `\uFEFF${csv}` : csv;
}
