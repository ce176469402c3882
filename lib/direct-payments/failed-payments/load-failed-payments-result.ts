import type { SqlTx } from "@/lib/db/pg-transaction";
import { FAILURES_IN_MESSAGE, type FailedByUpload, type FailedPaymentsSummary } from "./failed-payments-message";

/** The most failed payments an upload's page lists; the batches' reconciliation CSVs have every one. */
export const FAILURES_ON_PAGE = 1_000;

/**
 * What an applied failed-payments upload did, read back from its rows: the payments it failed (its
 * MATCHED rows) with their count and total, the first of them by line, and for rows already
 * recorded (UNCHANGED) the earlier upload that failed the first of them. Three statements.
 */
export async function loadFailedPaymentsSummary(
  db: SqlTx,
  uploadId: string,
  named = FAILURES_IN_MESSAGE,
): Promise<FailedPaymentsSummary> {
  const [[totals], first, earlier] = await Promise.all([
    db.$queryRaw<{ failed: number; total: string; unchanged: number }[]>`
      SELECT (count(*) FILTER (WHERE r.outcome = 'MATCHED'))::int AS failed,
             coalesce(sum(p."amountPence") FILTER (WHERE r.outcome = 'MATCHED'), 0)::text AS total,
             (count(*) FILTER (WHERE r.outcome = 'UNCHANGED'))::int AS unchanged
      FROM "UploadRow" r LEFT JOIN "Payment" p ON p.id = r."paymentId"
      WHERE r."uploadId" = ${uploadId}::uuid`,
    loadFailedByUpload(db, uploadId, named),
    db.$queryRaw<{ uploadId: string; fileName: string; uploadedAt: Date; uploadedBy: string; uploads: number }[]>`
      WITH earlier AS (
        SELECT DISTINCT ON (r."lineNo") r."lineNo", h."uploadId"
        FROM "UploadRow" r
        JOIN "PaymentStatusHistory" h ON h."paymentId" = r."paymentId" AND h."toStatus" = 'FAILED'
          AND h."uploadId" IS NOT NULL AND h."uploadId" <> ${uploadId}::uuid
        WHERE r."uploadId" = ${uploadId}::uuid AND r.outcome = 'UNCHANGED'
        ORDER BY r."lineNo", h.id DESC
      )
      SELECT u.id::text AS "uploadId", u."fileName", u."uploadedAt", us.name AS "uploadedBy",
             (SELECT count(DISTINCT e."uploadId") FROM earlier e)::int AS uploads
      FROM (SELECT "uploadId" FROM earlier ORDER BY "lineNo" LIMIT 1) f
      JOIN "Upload" u ON u.id = f."uploadId" JOIN "User" us ON us.id = u."uploadedById"`,
  ]);
  const before = earlier[0];
  return {
    failed: totals?.failed ?? 0,
    totalPence: Number(totals?.total ?? 0),
    named: first,
    unchanged: totals?.unchanged ?? 0,
    earlier: before
      ? {
          uploadId: before.uploadId,
          fileName: before.fileName,
          uploadedAt: before.uploadedAt,
          uploadedBy: before.uploadedBy,
          others: before.uploads - 1,
        }
      : null,
  };
}

/** The payments the upload failed, by line, with the reason each failed for. */
export async function loadFailedByUpload(db: SqlTx, uploadId: string, limit: number): Promise<FailedByUpload[]> {
  const rows = await db.$queryRaw<(FailedByUpload & { amountPence: number })[]>`
    SELECT p.reference, p."amountPence", p."failureReason" AS reason
    FROM "UploadRow" r JOIN "Payment" p ON p.id = r."paymentId"
    WHERE r."uploadId" = ${uploadId}::uuid AND r.outcome = 'MATCHED'
    ORDER BY r."lineNo"
    LIMIT ${limit}`;
  return rows.map((r) => ({ reference: r.reference, amountPence: Number(r.amountPence), reason: r.reason }));
}
