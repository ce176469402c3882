import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage/file-store";
import { REPORT_COLUMNS } from "./report-columns";
import { errorReportCsv } from "./upload-report";
import { decodeUpload } from "./upload-lines";

/**
 * The "rows with an Error column" download for a rejected upload (docs/file-formats.md#error-report),
 * rebuilt on demand from the stored file and the stored row outcomes, so it always says
 * what the upload page said. Null when there is no such upload or nothing in it was an error.
 */
export async function loadUploadErrorReport(
  db: Db,
  store: FileStore,
  uploadId: string,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const upload = await db.upload.findUnique({
    where: { id: uploadId },
    include: { rows: { orderBy: { lineNo: "asc" }, select: { lineNo: true, outcome: true, message: true } } },
  });
  if (!upload || !upload.rows.some((r) => r.outcome === "ERROR")) return null;

  const decoded = decodeUpload(await store.get(upload.storageKey));
  // Undecodable bytes were refused as a whole (line 0): the report carries only that message.
  const text = decoded.ok ? decoded.text : "";
  const outcomes = upload.rows.map((r) => ({ lineNo: r.lineNo, outcome: r.outcome, message: r.message ?? undefined }));
  const csv = errorReportCsv(text, outcomes, { columns: REPORT_COLUMNS[upload.kind] });
  return { fileName: errorReportFileName(upload.fileName), bytes: Buffer.from(csv, "utf8") };
}

/** `<name without extension>-errors.csv`, with characters a download header cannot carry replaced. */
export function errorReportFileName(uploadedName: string): string {
  // oxlint-disable-next-line no-control-regex -- control characters are among those a header cannot carry
  const base = uploadedName.replace(/\.[^./\\]*$/, "").replace(/[\u0000-\u001f\u007f"\\/]/g, "_");
  return `${base || "upload"}-errors.csv`;
}
