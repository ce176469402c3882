import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage/file-store";
import { MESSAGES_PER_KIND, readStoredFile } from "./receive-upload";
import { REPORT_COLUMNS, REPORT_HEADER_FROM_FILE } from "./report-columns";
import { uploadLineBatches } from "./upload-lines";
import { errorReportStream, type ReportOutcome } from "./upload-report";

/**
 * The "rows with an Error column" download for a rejected upload (docs/file-formats.md#error-report),
 * rebuilt on demand from the stored file and the stored row outcomes, so it always says what the
 * upload page said. It streams: the file is read twice from the store (the widest row, then the
 * rows), the outcomes in pages, so its memory does not grow with the file. Null when there is no
 * such upload or nothing in it was an error.
 */

/** The outcomes read per query while the report streams. */
const OUTCOME_PAGE = 5_000;

/** The Error cell of a row with an error whose message was not stored (only so many of each problem are). */
export const UNLISTED_ERROR = `Error (not described: only the first ${MESSAGES_PER_KIND} rows with each problem are)`;
/** How many such rows the report repeats; the rest are counted in its last line. */
export const UNLISTED_ROWS_SHOWN = 1_000;

export async function openUploadErrorReport(
  db: Db,
  store: FileStore,
  uploadId: string,
): Promise<{ fileName: string; chunks: AsyncIterable<string> } | null> {
  const upload = await db.upload.findUnique({
    where: { id: uploadId },
    select: { kind: true, fileName: true, storageKey: true, rowCount: true, errors: true },
  });
  if (!upload || upload.errors === 0) return null;

  // Undecodable, empty or refused bytes are a whole-file problem (line 0): the report carries only that message.
  const fileErrors = await db.uploadRow.findMany({
    where: { uploadId, lineNo: 0, outcome: "ERROR" },
    select: { message: true },
  });
  const fileError = fileErrors.length > 0 ? fileErrors.map((r) => r.message ?? "Error").join("; ") : undefined;

  const chunks = errorReportStream({
    fileError,
    columns: REPORT_COLUMNS[upload.kind],
    headerFromFile: REPORT_HEADER_FROM_FILE.has(upload.kind),
    lines: () => uploadLineBatches(readStoredFile(store, upload.storageKey)),
    outcomes: () => storedOutcomes(db, uploadId),
    unlisted: { rowCount: upload.rowCount, message: UNLISTED_ERROR, max: UNLISTED_ROWS_SHOWN },
  });
  return { fileName: errorReportFileName(upload.fileName), chunks };
}

/** The whole report in memory (small uploads, tests); the route streams openUploadErrorReport. */
export async function loadUploadErrorReport(
  db: Db,
  store: FileStore,
  uploadId: string,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const report = await openUploadErrorReport(db, store, uploadId);
  if (!report) return null;
  let text = "";
  for await (const chunk of report.chunks) text += chunk;
  return { fileName: report.fileName, bytes: Buffer.from(text, "utf8") };
}

/** `<name without extension>-errors.csv`, with characters a download header cannot carry replaced. */
export function errorReportFileName(uploadedName: string): string {
  // oxlint-disable-next-line no-control-regex -- control characters are among those a header cannot carry
  const base = uploadedName.replace(/\.[^./\\]*$/, "").replace(/[\u0000-\u001f\u007f"\\/]/g, "_");
  return `${base || "upload"}-errors.csv`;
}

async function* storedOutcomes(db: Db, uploadId: string): AsyncGenerator<ReportOutcome[]> {
  let after = 0;
  for (;;) {
    const page = await db.uploadRow.findMany({
      where: { uploadId, lineNo: { gt: after } },
      orderBy: { lineNo: "asc" },
      take: OUTCOME_PAGE,
      select: { lineNo: true, outcome: true, message: true },
    });
    if (page.length === 0) return;
    yield page.map((r) => ({ lineNo: r.lineNo, outcome: r.outcome, message: r.message ?? undefined }));
    if (page.length < OUTCOME_PAGE) return;
    after = page[page.length - 1].lineNo;
  }
}
