// Reads an enrolment file a line at a time, as the streaming check needs it (the whole file is never
// held): line 1 is the header; once it is wrong, later lines only report what makes them
// unreadable; each data row is typed or an error. A person given twice in the file is an error on
// the later row, naming the first: a rule across rows, so the reader keeps nothing per row and
// leaves it to its callers (personIdentity, duplicateMessage): parseEnrolmentFile in memory, the
// upload's check in SQL over the staged rows, so that its memory does not grow with the file.
// Pure: lines in, outcomes out.
import { splitFields, type UploadLine } from "@/lib/uploads/upload-lines";
import type { AttributeDeclaration } from "../../rules/attributes";
import { readEnrolmentHeader, type EnrolmentHeader } from "./parse-enrolment-header";
import { enrolmentRowReader, type EnrolmentFileRow } from "./parse-enrolment-row";

/** The kinds of problem a line can have; the upload stores the first few messages of each kind. */
export type LineProblemKind = "line" | "header" | "values" | "duplicate";

export type ReadLine =
  | { kind: "header" }
  | { kind: "skipped" }
  | { kind: "problem"; problem: LineProblemKind; lineNo: number; message: string }
  | { kind: "row"; row: EnrolmentFileRow };

export const HEADER_ONLY_MESSAGE = "Line 1: the file has a header row but no data rows";

export class EnrolmentFileReader {
  private header: EnrolmentHeader | null = null;
  private headerWrong = false;
  private dataRows = 0;
  private unreadable = 0;
  private readonly readRow: ReturnType<typeof enrolmentRowReader>;

  constructor(
    private readonly declarations: readonly AttributeDeclaration[],
    today: string,
  ) {
    this.readRow = enrolmentRowReader(declarations, today);
  }

  read(line: UploadLine): ReadLine {
    const { lineNo, text } = line;
    const unreadable = lineProblem(line);
    if (unreadable) {
      if (lineNo === 1) this.headerWrong = true;
      this.unreadable += 1;
      return problem("line", lineNo, unreadable);
    }
    const { fields, problem: quoting } = splitFields(text);
    if (quoting) {
      if (lineNo === 1) this.headerWrong = true;
      this.unreadable += 1;
      return problem("line", lineNo, `Line ${lineNo} ${quoting}`);
    }
    const cells = fields.map((f) => f.trim());
    if (lineNo === 1) {
      const header = readEnrolmentHeader(cells, this.declarations);
      if ("message" in header) {
        this.headerWrong = true;
        return problem("header", lineNo, header.message);
      }
      this.header = header;
      return { kind: "header" };
    }
    if (this.headerWrong || !this.header) return { kind: "skipped" };
    this.dataRows += 1;
    const row = this.readRow({ lineNo, fields: cells }, this.header);
    if ("message" in row) return problem("values", lineNo, row.message);
    return { kind: "row", row };
  }

  /** After the last line: the header-only error, if that is what the file is. */
  finish(): { lineNo: 1; message: string } | null {
    if (this.header && this.dataRows === 0 && this.unreadable === 0) return { lineNo: 1, message: HEADER_ONLY_MESSAGE };
    return null;
  }
}

function problem(kind: LineProblemKind, lineNo: number, message: string): ReadLine {
  return { kind: "problem", problem: kind, lineNo, message };
}

/** Who a row is, for finding a person given twice: their reference, or the key of someone new. */
export function personIdentity(row: EnrolmentFileRow): string {
  return row.person.kind === "EXISTING" ? `ref:${row.person.reference}` : `person:${row.person.key}`;
}

/** The error of a row whose person is also on an earlier line (the check's SQL words it the same). */
export function duplicateMessage(row: EnrolmentFileRow, firstLineNo: number): string {
  return row.person.kind === "EXISTING"
    ? `Line ${row.lineNo}: Person Reference ${row.person.reference} is also on line ${firstLineNo}: give each person one row`
    : `Line ${row.lineNo}: the same person as line ${firstLineNo} (same First Name, Last Name, Date of Birth and Postcode): give each person one row`;
}

/** What makes a line unreadable as CSV before its fields are looked at. */
function lineProblem({ lineNo, text }: UploadLine): string | null {
  if (text.trim() === "") return `Line ${lineNo} is blank; blank lines are only allowed at the end of the file`;
  if (text.includes("\r")) return `Line ${lineNo} contains a carriage return (CR) on its own; use LF or CRLF line endings`;
  return null;
}
