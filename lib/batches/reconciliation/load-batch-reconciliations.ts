import type { SqlTx } from "@/lib/db/pg-transaction";
import type { BatchStatus, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import {
  FAILED_STATUSES,
  batchProgress,
  tallyBatch,
  type BatchProgress,
  type BatchReconciliation,
  type LineCount,
} from "./batch-reconciliation";

// The reconciliation of each batch a page shows, in three statements whatever the number of
// batches or payments: the batches with their file's count and total and whether any of their
// files was downloaded; their lines counted by status (GROUP BY); the first failures of each.

/** How many failed payments a batch's reconciliation names on the page; the CSV export has them all. */
export const FAILURES_NAMED = 20;

export interface FailedPayment {
  lineNo: number;
  paymentId: string;
  reference: string;
  amountPence: number;
  status: PaymentStatus;
  /** Bank: the reason SSCL gave. */
  failureReason: string | null;
  /** Payout: the date the Post Office's report gave. */
  postOfficeStatusDate: Date | null;
  /** Bank: failed after it was shown as paid. */
  late: boolean;
}

export interface BatchReconciliationView {
  batchId: string;
  method: PaymentMethod;
  progress: BatchProgress;
  figures: BatchReconciliation;
  /** Why the figures do not add up to the file's total (a fault to report), or null when they do. */
  mismatch: string | null;
  /** The first FAILURES_NAMED failed payments by line number. */
  failures: FailedPayment[];
}

const fileKind: Record<PaymentMethod, string> = { BANK: "ACCESSPAY_CSV", CASH: "PAYOUT_CSV" };

export async function loadBatchReconciliations(
  db: SqlTx,
  batchIds: readonly string[],
): Promise<Map<string, BatchReconciliationView>> {
  const views = new Map<string, BatchReconciliationView>();
  if (batchIds.length === 0) return views;
  const ids = [...batchIds];

  const [batches, counts, failures] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        method: PaymentMethod;
        status: BatchStatus;
        fileLines: number | null;
        filePence: string | null;
        downloaded: boolean;
      }[]
    >`
      SELECT b.id::text, b.method::text AS method, b.status::text AS status,
             f."lineCount" AS "fileLines", f."totalPence"::text AS "filePence",
             EXISTS (SELECT 1 FROM "BatchFile" bf JOIN "FileDownload" d ON d."batchFileId" = bf.id WHERE bf."batchId" = b.id)
               AS downloaded
      FROM "Batch" b
      LEFT JOIN "BatchFile" f ON f."batchId" = b.id
        AND f.kind = CASE b.method WHEN 'BANK' THEN ${fileKind.BANK} ELSE ${fileKind.CASH} END
      WHERE b.id = ANY(${ids}::uuid[])`,
    db.$queryRaw<
      { batchId: string; lineVoid: boolean; status: PaymentStatus; count: number; pence: string; lateFailures: number }[]
    >`
      SELECT l."batchId"::text AS "batchId", l."isVoid" AS "lineVoid", p.status::text AS status, count(*)::int AS count,
             sum(l."amountPence")::text AS pence,
             (count(*) FILTER (WHERE p.status = 'FAILED' AND p."paidAt" IS NOT NULL))::int AS "lateFailures"
      FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId"
      WHERE l."batchId" = ANY(${ids}::uuid[])
      GROUP BY l."batchId", l."isVoid", p.status`,
    db.$queryRaw<(Omit<FailedPayment, "amountPence"> & { batchId: string; amountPence: number })[]>`
      SELECT x."batchId", x."lineNo", x."paymentId", x.reference, x."amountPence", x.status, x."failureReason",
             x."postOfficeStatusDate", x.late
      FROM (
        SELECT l."batchId"::text AS "batchId", l."lineNo", p.id::text AS "paymentId", p.reference, l."amountPence",
               p.status::text AS status, p."failureReason", p."postOfficeStatusDate",
               (p.status = 'FAILED' AND p."paidAt" IS NOT NULL) AS late,
               row_number() OVER (PARTITION BY l."batchId" ORDER BY l."lineNo") AS n
        FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" JOIN "Payment" p ON p.id = l."paymentId"
        WHERE l."batchId" = ANY(${ids}::uuid[]) AND NOT l."isVoid"
          AND ((b.method = 'BANK' AND p.status::text = ANY(${FAILED_STATUSES.BANK as PaymentStatus[]}::text[]))
            OR (b.method = 'CASH' AND p.status::text = ANY(${FAILED_STATUSES.CASH as PaymentStatus[]}::text[])))
      ) x
      WHERE x.n <= ${FAILURES_NAMED}
      ORDER BY x."batchId", x."lineNo"`,
  ]);

  for (const batch of batches) {
    const lines: LineCount[] = counts
      .filter((c) => c.batchId === batch.id)
      .map((c) => ({
        lineVoid: c.lineVoid,
        status: c.status,
        count: c.count,
        pence: Number(c.pence),
        lateFailures: c.lateFailures,
      }));
    // A batch whose file is not written yet is measured against its lines.
    const fileTotal =
      batch.fileLines === null
        ? lines.reduce((t, l) => ({ count: t.count + l.count, pence: t.pence + l.pence }), { count: 0, pence: 0 })
        : { count: batch.fileLines, pence: Number(batch.filePence) };
    const { figures, mismatch } = tallyBatch({ method: batch.method, lines, fileTotal });
    views.set(batch.id, {
      batchId: batch.id,
      method: batch.method,
      progress: batchProgress({
        method: batch.method,
        status: batch.status,
        downloaded: batch.downloaded,
        reconciliation: figures,
      }),
      figures,
      mismatch,
      failures: failures
        .filter((f) => f.batchId === batch.id)
        .map((f) => ({
          lineNo: f.lineNo,
          paymentId: f.paymentId,
          reference: f.reference,
          amountPence: Number(f.amountPence),
          status: f.status,
          failureReason: f.failureReason,
          postOfficeStatusDate: f.postOfficeStatusDate,
          late: f.late,
        })),
    });
  }
  return views;
}
