import type { Db } from "@/lib/db";

/** The uploads listed on a plan's page of enrolment files. */
export const ENROLMENT_FILES_SHOWN = 50;

/**
 * A benefit plan's enrolment files, newest first: who uploaded each and when, what happened, and
 * how many of its changes still wait for a second plan manager. Three statements.
 */
export async function listEnrolmentFiles(db: Db, benefitPlanId: string) {
  const uploads = await db.upload.findMany({
    where: { kind: "ENROLMENT", benefitPlanId },
    orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
    take: ENROLMENT_FILES_SHOWN,
    include: { uploadedBy: { select: { name: true } } },
  });
  const ids = uploads.map((u) => u.id);
  const waiting = await db.$queryRaw<{ uploadId: string; n: number }[]>`
    SELECT "uploadId", count(*)::int AS n FROM (
      SELECT "uploadId" FROM "BankDetailChange" WHERE "uploadId" = ANY(${ids}::uuid[]) AND status = 'PENDING'
      UNION ALL
      SELECT "pendingMethodUploadId" FROM "Enrolment"
      WHERE "pendingMethodUploadId" = ANY(${ids}::uuid[]) AND "pendingPaymentMethod" IS NOT NULL
    ) w GROUP BY "uploadId"`;
  const waitingOf = new Map(waiting.map((w) => [w.uploadId, w.n]));
  return uploads.map((u) => ({
    id: u.id,
    fileName: u.fileName,
    status: u.status,
    uploadedAt: u.uploadedAt,
    uploadedBy: u.uploadedBy.name,
    rowCount: u.rowCount,
    matched: u.matched,
    unchanged: u.unchanged,
    errors: u.errors,
    waiting: waitingOf.get(u.id) ?? 0,
  }));
}

export type EnrolmentFileListItem = Awaited<ReturnType<typeof listEnrolmentFiles>>[number];
