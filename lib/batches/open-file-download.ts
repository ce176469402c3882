import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { FileStore, FileStream } from "@/lib/storage/file-store";

/**
 * A staff download of a batch file: checks the stored bytes are the ones the run recorded, records
 * who downloaded it and when (the PAID rule and the missed-download banner count from these), then
 * hands back the stream. The download is recorded before the bytes flow: a browser that gives up
 * halfway still counts, which errs towards "downloaded"; the record says who to ask.
 */
export async function openFileDownload(options: {
  db: Db;
  store: FileStore;
  fileId: string;
  user: { id: string; email: string };
  now: Date;
}): Promise<FileStream & { fileName: string; sha256: string }> {
  const { db, store, fileId, user, now } = options;
  const file = await db.batchFile.findUnique({
    where: { id: fileId },
    include: { batch: { select: { status: true, runId: true } } },
  });
  if (!file) throw new AppError("NOT_FOUND", "There is no such file");
  if (file.isVoid || file.batch.status === "VOID") {
    throw new AppError("INVALID_STATE", `${file.fileName} belongs to a voided batch and must not be sent to the bank`);
  }
  const stat = await store.stat(file.storageKey);
  if (!stat) throw new Error(`stored file ${file.storageKey} of batch file ${file.id} is missing`);
  if (stat.sha256 !== file.sha256) {
    throw new Error(`stored file ${file.storageKey} has sha256 ${stat.sha256}, but the run recorded ${file.sha256}`);
  }
  await db.$transaction(async (tx) => {
    // Under a share lock on the batch: a void holds it for update, so a download either lands
    // before it (and the void sees it: a second admin is needed) or after it (and is refused here).
    const [batch] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "Batch" WHERE id = ${file.batchId}::uuid FOR SHARE`;
    if (batch?.status === "VOID") {
      throw new AppError("INVALID_STATE", `${file.fileName} belongs to a voided batch and must not be sent to the bank`);
    }
    const download = await tx.fileDownload.create({ data: { batchFileId: file.id, userId: user.id, downloadedAt: now } });
    await recordAudit(tx, {
      actor: user,
      action: "file.downloaded",
      entityType: "BatchFile",
      entityId: file.id,
      after: { downloadId: download.id, fileName: file.fileName, sha256: file.sha256, runId: file.batch.runId },
    });
  });
  const opened = await store.stream(file.storageKey);
  return { ...opened, contentType: file.contentType, fileName: file.fileName, sha256: file.sha256 };
}
