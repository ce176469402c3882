import type { Db } from "@/lib/db";
import type { UploadKind } from "@/lib/generated/prisma/enums";

/** The latest uploads of a kind (for one batch, given `batchId`), for the page that takes them: who, when, what happened. */
export async function listUploads(db: Db, kind: UploadKind, take = 10, batchId?: string) {
  const uploads = await db.upload.findMany({
    where: { kind, batchId },
    orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
    take,
    include: {
      uploadedBy: { select: { name: true } },
      // Errors on a line of the file (not the whole file): only those make an error report worth offering.
      _count: { select: { rows: { where: { outcome: "ERROR", lineNo: { gt: 0 } } } } },
    },
  });
  return uploads.map((u) => ({
    id: u.id,
    fileName: u.fileName,
    status: u.status,
    uploadedAt: u.uploadedAt,
    uploadedBy: u.uploadedBy.name,
    sha256: u.sha256,
    rowCount: u.rowCount,
    matched: u.matched,
    unchanged: u.unchanged,
    errors: u.errors,
    rowErrors: u._count.rows,
  }));
}

export type UploadListItem = Awaited<ReturnType<typeof listUploads>>[number];
