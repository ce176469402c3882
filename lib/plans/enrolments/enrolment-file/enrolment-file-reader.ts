// Reads an enrolment file a line at a time, as the streaming check needs it (the whole file is never
// held): line 1 is the header; once it is wrong, later lines only report what makes them
// unreadable; each data row is typed or an error; a person given twice in the file is an error on
// the later row, naming the first. Pure: lines in, outcomes out.
import { hash } from "node:crypto";
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
  /** The first line of each person, by a digest of "ref:<reference>" or "person:<key>". */
  private readonly seen = new Map<string, number>();
  private readonly readRow: ReturnType<typeof enrolmentRowReader>;

  constructor(
    private readonly declarations: readonly AttributeDeclaration[],
    today: string,
  ) {
    this.readRow = enrolmentRowReader(declarations, today);
  }

  read(line: UploadLine): ReadLine {
    const { lineNo, text } = line;
    const problem = (kind: LineProblemKind, message: string): ReadLine => ({ kind: "problem", problem: kind, lineNo, message });
    const unreadable = lineProblem(line);
    if (unreadable) {
      if (lineNo === 1) this.headerWrong = true;
      this.unreadable += 1;
      return problem("line", unreadable);
    }
    const { fields, problem: quoting } = splitFields(text);
    if (quoting) {
      if (lineNo === 1) this.headerWrong = true;
      this.unreadable += 1;
      return problem("line", `Line ${lineNo} ${quoting}`);
    }
    const cells = fields.map((f) => f.trim());
    if (lineNo === 1) {
      const header = readEnrolmentHeader(cells, this.declarations);
      if ("message" in header) {
        this.headerWrong = true;
        return problem("header", header.message);
      }
      this.header = header;
      return { kind: "header" };
    }
    if (this.headerWrong || !this.header) return { kind: "skipped" };
    this.dataRows += 1;
    const row = this.readRow({ lineNo, fields: cells }, this.header);
    if ("message" in row) return problem("values", row.message);

    // A short digest of who the row is, not the text itself: a key built from the line's text could
    // keep the whole chunk of the file it was cut from alive, for every row of a large file.
    const key = hash(
      "sha1",
      row.person.kind === "EXISTING" ? `ref:${row.person.reference}` : `person:${row.person.key}`,
      "base64",
    );
    const first = this.seen.get(key);
    if (first !== undefined) {
      return problem(
        "duplicate",
        row.person.kind === "EXISTING"
          ? `Line ${lineNo}: Person Reference ${row.person.reference} is also on line ${first}: give each person one row`
          : `Line ${lineNo}: the same person as line ${first} (same First Name, Last Name, Date of Birth and Postcode): give each person one row`,
      );
    }
    this.seen.set(key, lineNo);
    return { kind: "row", row };
  }

  /** After the last line: the header-only error, if that is what the file is. */
  finish(): { lineNo: 1; message: string } | null {
    if (this.header && this.dataRows === 0 && this.unreadable === 0) return { lineNo: 1, message: HEADER_ONLY_MESSAGE };
    return null;
  }
}

/** What makes a line unreadable as CSV before its fields are looked at. */
function lineProblem({ lineNo, text }: UploadLine): string | null {
  if (text.trim() === "") return `Line ${lineNo} is blank; blank lines are only allowed at the end of the file`;
  if (text.includes("\r")) return `Line ${lineNo} contains a carriage return (CR) on its own; use LF or CRLF line endings`;
  return null;
}
