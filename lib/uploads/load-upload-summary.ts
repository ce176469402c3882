import type { Db } from "@/lib/db";
import type { UploadKind, UploadStatus } from "@/lib/generated/prisma/enums";

/** An upload as the top of its result page shows it: the file, who and when, what happened. */
export interface UploadSummary {
  id: string;
  fileName: string;
  status: UploadStatus;
  uploadedAt: Date;
  uploadedBy: string;
  rows: number;
  matched: number;
  unchanged: number;
  errors: number;
  message: string | null;
}

/** The upload's summary, and where its file and batch are; null when there is no upload of that kind with this id. */
export async function loadUploadSummary(
  db: Db,
  uploadId: string,
  kind: UploadKind,
): Promise<{ summary: UploadSummary; storageKey: string; batchId: string | null } | null> {
  const upload = await db.upload.findUnique({
    where: { id: uploadId },
    include: { uploadedBy: { select: { name: true } } },
  });
  if (!upload || upload.kind !== kind) return null;
  const summary: UploadSummary = {
    id: upload.id,
    fileName: upload.fileName,
    status: upload.status,
    uploadedAt: upload.uploadedAt,
    uploadedBy: upload.uploadedBy.name,
    rows: upload.rowCount,
    matched: upload.matched,
    unchanged: upload.unchanged,
    errors: upload.errors,
    message: upload.message,
  };
  return { summary, storageKey: upload.storageKey, batchId: upload.batchId };
}
