import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BatchStatus, DeliveryOutcome, HoldReason, PaymentStatus, RunStatus } from "@/lib/generated/prisma/enums";
import { beyondCursor, fetchLimit, keysetPage, keysetStart, readOrder } from "@/lib/pagination/keyset";
import { listUploads, type UploadListItem } from "@/lib/uploads/list-uploads";
import { NO_VOUCHERS, voucherCountsByBatch, type VoucherCounts } from "./list-payout-batches";

// One Payout batch for its page (docs/domain.md#payout-pages): its file, every delivery attempt,
// the counts of what became of its vouchers, and its payments a page at a time by line number
// (a batch can hold as many payments as the configured maximum per file).

export const BATCH_PAYMENTS_PAGE_SIZE = 100;

export interface BatchPaymentRow {
  lineNo: number;
  /** The line was taken out of the batch (its payment went back to waiting). */
  lineVoid: boolean;
  paymentId: string;
  reference: string;
  /** Null for a cycle's payment (it has no claim). */
  claimReference: string | null;
  amountPence: number;
  status: PaymentStatus;
  holdReason: HoldReason | null;
  paymentCode: string | null;
  codeIssuedAt: Date | null;
  voucherExpiresOn: Date | null;
  postOfficeStatusDate: Date | null;
}

export interface PayoutBatchPage {
  id: string;
  runId: string;
  /** The run's status: a batch of a FAILED run waits for a retry of its delivery. */
  runStatus: RunStatus;
  status: BatchStatus;
  businessDate: string | null;
  sequenceNo: number | null;
  paymentCount: number;
  totalPence: number;
  createdAt: Date;
  deliveredAt: Date | null;
  deliveryTarget: string | null;
  deliveryError: string | null;
  voidReason: string | null;
  voidedAt: Date | null;
  file: { id: string; fileName: string; sha256: string; byteSize: number; lineCount: number; totalPence: number } | null;
  deliveries: {
    id: string;
    attemptNo: number;
    startedAt: Date;
    finishedAt: Date | null;
    outcome: DeliveryOutcome;
    target: string;
    fileName: string;
    byteSize: number;
    triggeredBy: string;
    error: string | null;
  }[];
  counts: VoucherCounts;
  payments: { rows: BatchPaymentRow[]; next?: number; previous?: number };
  /** The payment-code files uploaded for this batch, newest first. */
  codeUploads: UploadListItem[];
}

/** The batch (a Payout one only), or null; `after`/`before` are line numbers for the payments' page. */
export async function loadPayoutBatch(
  db: Db,
  batchId: string,
  position: { after?: number; before?: number } = {},
): Promise<PayoutBatchPage | null> {
  const batch = await db.batch.findFirst({
    where: { id: batchId, method: "CASH" },
    include: {
      files: { where: { kind: "PAYOUT_CSV" } },
      deliveries: { orderBy: { attemptNo: "asc" } },
      run: { select: { status: true } },
    },
  });
  if (!batch) return null;
  const [counts, payments, uploads] = await Promise.all([
    voucherCountsByBatch(db, [batch.id]),
    batchPayments(db, batch.id, position),
    listUploads(db, "PAYOUT_PAYMENT_CODES", 10, batch.id),
  ]);
  const file = batch.files[0];
  return {
    id: batch.id,
    runId: batch.runId,
    runStatus: batch.run.status,
    status: batch.status,
    businessDate: batch.businessDate?.toISOString().slice(0, 10) ?? null,
    sequenceNo: batch.sequenceNo,
    paymentCount: batch.paymentCount,
    totalPence: Number(batch.totalPence),
    createdAt: batch.createdAt,
    deliveredAt: batch.deliveredAt,
    deliveryTarget: batch.deliveryTarget,
    deliveryError: batch.deliveryError,
    voidReason: batch.voidReason,
    voidedAt: batch.voidedAt,
    file: file
      ? {
          id: file.id,
          fileName: file.fileName,
          sha256: file.sha256,
          byteSize: file.byteSize,
          lineCount: file.lineCount,
          totalPence: Number(file.totalPence),
        }
      : null,
    deliveries: batch.deliveries.map((d) => ({
      id: d.id,
      attemptNo: d.attemptNo,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
      outcome: d.outcome,
      target: d.target,
      fileName: d.fileName,
      byteSize: d.byteSize,
      triggeredBy: d.triggeredBy,
      error: d.error,
    })),
    counts: counts.get(batch.id) ?? NO_VOUCHERS,
    payments,
    codeUploads: uploads,
  };
}

async function batchPayments(db: Db, batchId: string, position: { after?: number; before?: number }) {
  const start = keysetStart({ next: position.after, previous: position.before });
  const order = readOrder("asc", start.backwards);
  const op = Prisma.raw(beyondCursor(order) === "gt" ? ">" : "<");
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const rows = await db.$queryRaw<BatchPaymentRow[]>`
    SELECT l."lineNo" AS "lineNo", l."isVoid" AS "lineVoid", p.id::text AS "paymentId", p.reference,
           c.reference AS "claimReference", l."amountPence" AS "amountPence", p.status::text AS status,
           p."holdReason"::text AS "holdReason", p."paymentCode" AS "paymentCode", p."codeIssuedAt" AS "codeIssuedAt",
           p."voucherExpiresOn" AS "voucherExpiresOn", p."postOfficeStatusDate" AS "postOfficeStatusDate"
    FROM "FileLine" l
    JOIN "Payment" p ON p.id = l."paymentId"
    LEFT JOIN "Claim" c ON c.id = p."claimId"
    WHERE l."batchId" = ${batchId}::uuid
      ${start.cursor === undefined ? Prisma.empty : Prisma.sql`AND l."lineNo" ${op} ${start.cursor}::int`}
    ORDER BY l."lineNo" ${dir}
    LIMIT ${fetchLimit(BATCH_PAYMENTS_PAGE_SIZE)}`;
  return keysetPage(rows, { pageSize: BATCH_PAYMENTS_PAGE_SIZE, start, cursorOf: (r) => r.lineNo });
}
