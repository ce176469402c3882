import { unparseLine } from "@/lib/csv/csv-line";
import { splitFields, splitUploadLines, type UploadLine } from "./upload-lines";

/**
 * The download offered when an upload has errors (docs/file-formats.md#error-report): the uploaded
 * rows as they were, with an added Error column, empty for rows that were fine.
 *
 * Choices, and why:
 * - A header row (the format's column names, then "Error") comes first. People read this file in
 *   a spreadsheet, and the header makes the uploaders refuse it if it is sent back unedited, rather
 *   than the Error column being taken for a sixth "reason" column.
 * - Every row is padded to the same width so the Error column lines up, even for rows that had
 *   the wrong number of columns. The width is capped (MAX_REPORT_COLUMNS), so one line of
 *   thousands of fields cannot make every row of the report that wide.
 * - LF line endings, final line terminated, and a UTF-8 BOM by default: messages contain "£", which
 *   Excel shows as "Â£" in a UTF-8 file without one.
 * - A cell a spreadsheet could read as a formula gets a leading ' and quotes (CSV injection: the
 *   rows came from an upload and are opened in Excel), except plain negative numbers, which are
 *   harmless: the rule is lib/csv/formula-safe.ts.
 * - When the whole file was refused (lineNo 0: empty or binary), the report is just that message:
 *   there are no rows worth repeating.
 * - Only so many rows of each problem are stored (receive-upload.ts); a row with an error whose
 *   message was not stored says so (`unlisted`) rather than looking fine, and past a number of
 *   those the rest are left out and counted in a last line. The report is then about the size of
 *   the rows that were fine plus a bounded number of others, whatever the file holds.
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

/** The widest a report row gets; fields past it are left out (the upload refuses such lines anyway). */
export const MAX_REPORT_COLUMNS = 100;

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

  let widest = 0;
  for (const row of body) widest = Math.max(widest, row.fields.length);
  const width = reportWidth(options.columns, widest);
  const csv = [reportHeader(options.columns, width), ...body.map((r) => reportRow(r.fields, r.error, width))].join("");
  return (options.bom ?? true) ? `\uFEFF${csv}` : csv;
}

/** Columns before "Error": the names, or the widest row, at least 1 and at most MAX_REPORT_COLUMNS. */
export function reportWidth(columns: readonly string[] | undefined, widestRow: number): number {
  return Math.min(Math.max(columns?.length ?? 0, widestRow, 1), Math.max(MAX_REPORT_COLUMNS, columns?.length ?? 0));
}

/** The header line: the names, "Column N" for the rest, then "Error". */
export function reportHeader(columns: readonly string[] | undefined, width: number): string {
  const names = Array.from({ length: width }, (_, i) => columns?.[i] ?? `Column ${i + 1}`);
  return unparseLine([...names, "Error"]);
}

/** One report line: the row's fields padded (or cut) to `width`, then the error. */
export function reportRow(fields: readonly string[], error: string, width: number): string {
  const cells = fields.length >= width ? fields.slice(0, width) : [...fields, ...Array<string>(width - fields.length).fill("")];
  return unparseLine([...cells, error]);
}

// The one CSV line writer (lib/csv/csv-line.ts), also for the payroll export, which imports it from here.
export { unparseLine };

/**
 * The report as it streams out, for any size of file: `lines` is called twice (once to find the
 * widest row, once to write), `outcomes` gives the stored row outcomes in line order, and a line
 * up to `unlisted.rowCount` with no stored outcome had an error whose message was not kept.
 */
export async function* errorReportStream(options: {
  lines: () => AsyncIterable<UploadLine[]>;
  outcomes: () => AsyncIterable<ReportOutcome[]>;
  /** A whole-file problem (line 0): the report is just this. */
  fileError?: string;
  /**
   * Rows up to `rowCount` with no stored outcome had an error whose message was not kept: the first
   * `max` of them are written with `message`, the rest left out and counted in a last line.
   */
  unlisted?: { rowCount: number; message: string; max: number };
  columns?: readonly string[];
  /**
   * The file's own first line is its header row (an enrolment file): its names head the report
   * instead of `columns`, and the rows (rowCount of them, for `unlisted`) start on line 2.
   */
  headerFromFile?: boolean;
  bom?: boolean;
}): AsyncGenerator<string> {
  const bom = (options.bom ?? true) ? "\uFEFF" : "";
  if (options.fileError !== undefined) {
    const width = reportWidth(options.columns, 0);
    yield bom + reportHeader(options.columns, width) + reportRow([], options.fileError, width);
    return;
  }

  const headerLines = options.headerFromFile ? 1 : 0;
  let columns = options.columns;
  let widest = 0;
  for await (const batch of options.lines()) {
    for (const line of batch) {
      const fields = splitFields(line.text).fields;
      if (line.lineNo <= headerLines) columns = fields.slice(0, MAX_REPORT_COLUMNS);
      widest = Math.max(widest, Math.min(fields.length, MAX_REPORT_COLUMNS));
    }
  }
  const width = reportWidth(columns, widest);
  yield bom + reportHeader(columns, width);

  const stored = options.outcomes()[Symbol.asyncIterator]();
  let pending: ReportOutcome[] = [];
  let index = 0;
  let exhausted = false;
  /** The stored outcomes of `lineNo`, reading on in the stored order as needed. */
  const outcomesOf = async (lineNo: number): Promise<ReportOutcome[]> => {
    const found: ReportOutcome[] = [];
    for (;;) {
      while (index < pending.length && pending[index].lineNo < lineNo) index++;
      while (index < pending.length && pending[index].lineNo === lineNo) found.push(pending[index++]);
      if (index < pending.length || exhausted) return found;
      const next = await stored.next();
      if (next.done) exhausted = true;
      else {
        pending = next.value;
        index = 0;
      }
    }
  };

  const unlisted = options.unlisted;
  let rowsFrom = headerLines + 1;
  let unlistedWritten = 0;
  let unlistedLeftOut = 0;
  for await (const batch of options.lines()) {
    let text = "";
    for (const line of batch) {
      const own = await outcomesOf(line.lineNo);
      let error = own
        .filter((o) => o.outcome === "ERROR")
        .map((o) => o.message ?? "Error")
        .join("; ");
      if (line.lineNo <= headerLines) {
        // A header with an outcome (it is what is wrong) is one of the rows counted; otherwise the
        // counted rows start after it. It heads the report, and is repeated as a row only when wrong.
        if (own.length > 0) rowsFrom = 1;
        if (error === "") continue;
      }
      if (own.length === 0 && unlisted && line.lineNo >= rowsFrom && line.lineNo < rowsFrom + unlisted.rowCount) {
        if (unlistedWritten >= unlisted.max) {
          unlistedLeftOut += 1;
          continue;
        }
        unlistedWritten += 1;
        error = unlisted.message;
      }
      text += reportRow(splitFields(line.text).fields, error, width);
    }
    if (text) yield text;
  }
  await stored.return?.();
  if (unlistedLeftOut > 0) {
    const n = unlistedLeftOut.toLocaleString("en-GB");
    yield reportRow(
      [],
      `${n} more ${unlistedLeftOut === 1 ? "row" : "rows"} with errors left out of this report: correct the problems above and upload the file again`,
      width,
    );
  }
}
