import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { reconciliationCsvHeader, reconciliationCsvLines, type ReconciliationCsvRow } from "./reconciliation-csv";

// GET /api/batches/<id>/reconciliation.csv, streamed: the batch's lines are read in keyset pages by
// line number and each page is written before the next is read, so memory stays that of one page
// whatever the batch's size. Audited when it starts, with the number of lines.

/** Lines read per query while the file streams. */
export const RECONCILIATION_EXPORT_PAGE = 2_000;

const FILE_KIND: Record<PaymentMethod, string> = { BANK: "ACCESSPAY_CSV", CASH: "PAYOUT_CSV" };

async function readPage(db: SqlTx, batchId: string, after: number): Promise<ReconciliationCsvRow[]> {
  return db.$queryRaw<ReconciliationCsvRow[]>`
    SELECT p.reference, p.id::text AS "paymentId", l."lineNo", l."amountPence", l."isVoid" AS "lineVoid",
           p.status::text AS status, p."failureReason",
           CASE WHEN b.method = 'CASH' THEN to_char(p."postOfficeStatusDate", 'YYYY-MM-DD')
                WHEN p.status IN ('FAILED', 'CARRIED_OVER') THEN to_char(p."failedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')
           END AS date
    FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ${batchId}::uuid AND l."lineNo" > ${after}
    ORDER BY l."lineNo" LIMIT ${RECONCILIATION_EXPORT_PAGE}`;
}

async function* chunks(db: SqlTx, batchId: string, method: PaymentMethod, fileName: string): AsyncGenerator<string> {
  yield reconciliationCsvHeader();
  let after = 0;
  for (;;) {
    const page = await readPage(db, batchId, after);
    if (page.length > 0) yield reconciliationCsvLines(method, fileName, page);
    if (page.length < RECONCILIATION_EXPORT_PAGE) return;
    after = page[page.length - 1].lineNo;
  }
}

/** The export of one batch's reconciliation; null when there is no such batch. The caller has checked the role. */
export async function openReconciliationExport(
  db: SqlTx,
  options: { batchId: string; actor: StaffMember },
): Promise<{ fileName: string; rows: number; chunks: AsyncIterable<string> } | null> {
  const { batchId, actor } = options;
  const [batch] = await db.$queryRaw<{ method: PaymentMethod; fileName: string | null; rows: number }[]>`
    SELECT b.method::text AS method,
           (SELECT f."fileName" FROM "BatchFile" f WHERE f."batchId" = b.id
              AND f.kind = CASE b.method WHEN 'BANK' THEN ${FILE_KIND.BANK} ELSE ${FILE_KIND.CASH} END) AS "fileName",
           (SELECT count(*)::int FROM "FileLine" l WHERE l."batchId" = b.id) AS rows
    FROM "Batch" b WHERE b.id = ${batchId}::uuid`;
  if (!batch) return null;
  await recordAuditSql(db, {
    actor,
    action: "batch.reconciliation-exported",
    entityType: "Batch",
    entityId: batchId,
    after: { rows: batch.rows },
  });
  const fileName = batch.fileName ?? "";
  const stem = fileName ? fileName.replace(/\.[^.]+$/, "") : `batch-${batchId}`;
  return {
    fileName: `reconciliation_${stem}.csv`,
    rows: batch.rows,
    chunks: chunks(db, batchId, batch.method, fileName),
  };
}
