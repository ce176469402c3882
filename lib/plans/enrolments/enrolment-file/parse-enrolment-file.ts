// A whole enrolment file in memory, read as the streaming check reads it line by line: the rows that
// can be checked against the record, and the problems of the rest. For tests and small files; the
// upload streams through EnrolmentFileReader itself. Pure.
import { decodeUpload, EMPTY_FILE_MESSAGE, splitUploadLines } from "@/lib/uploads/upload-lines";
import type { AttributeDeclaration } from "../../rules/attributes";
import { duplicateMessage, EnrolmentFileReader, personIdentity, type LineProblemKind } from "./enrolment-file-reader";
import type { EnrolmentFileRow } from "./parse-enrolment-row";

export interface ParsedEnrolmentFile {
  rows: EnrolmentFileRow[];
  /** lineNo 0: a problem with the whole file. */
  problems: { lineNo: number; kind: LineProblemKind | "file"; message: string }[];
}

export function parseEnrolmentFile(
  bytes: Uint8Array,
  declarations: readonly AttributeDeclaration[],
  today: string,
): ParsedEnrolmentFile {
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return { rows: [], problems: [{ lineNo: 0, kind: "file", message: decoded.message }] };
  const lines = splitUploadLines(decoded.text);
  if (lines.length === 0) return { rows: [], problems: [{ lineNo: 0, kind: "file", message: EMPTY_FILE_MESSAGE }] };

  const reader = new EnrolmentFileReader(declarations, today);
  const rows: EnrolmentFileRow[] = [];
  const problems: ParsedEnrolmentFile["problems"] = [];
  const firstLineOf = new Map<string, number>();
  for (const line of lines) {
    const read = reader.read(line);
    if (read.kind === "row") {
      const who = personIdentity(read.row);
      const first = firstLineOf.get(who);
      if (first === undefined) {
        firstLineOf.set(who, read.row.lineNo);
        rows.push(read.row);
      } else problems.push({ lineNo: read.row.lineNo, kind: "duplicate", message: duplicateMessage(read.row, first) });
    } else if (read.kind === "problem") problems.push({ lineNo: read.lineNo, kind: read.problem, message: read.message });
  }
  const headerOnly = reader.finish();
  if (headerOnly) problems.push({ ...headerOnly, kind: "header" });
  return { rows, problems };
}
