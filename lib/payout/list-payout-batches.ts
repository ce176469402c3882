import type { Db } from "@/lib/db";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BatchStatus } from "@/lib/generated/prisma/enums";
import { beyondCursor, fetchLimit, keysetPage, keysetStart, readOrder } from "@/lib/pagination/keyset";

// The Payout batches on /payout, newest first, a page at a time by keyset on the day and its
// sequence number: the unique index (method, businessDate, sequenceNo) reads them in that order, so
// page 500 costs what page 1 costs. The counts of what became of each batch's vouchers are one
// grouped statement for the page's batches (docs/domain.md#payout-pages).

export const PAYOUT_BATCH_PAGE_SIZE = 20;

/** Where a page of batches starts: a batch's London business date and its sequence number that day. */
export interface PayoutBatchPosition {
  businessDate: string;
  sequenceNo: number;
}

const POSITION = /^(\d{4}-\d{2}-\d{2})_(\d{1,6})$/;

/** "2026-11-28_003": readable in the URL. */
export function encodeBatchPosition(p: PayoutBatchPosition): string {
  return `${p.businessDate}_${String(p.sequenceNo).padStart(3, "0")}`;
}

export function decodeBatchPosition(value: string | undefined): PayoutBatchPosition | undefined {
  const match = value ? POSITION.exec(value) : null;
  if (!match) return undefined;
  const date = new Date(`${match[1]}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1]) return undefined;
  return { businessDate: match[1], sequenceNo: Number(match[2]) };
}

/** What became of a batch's vouchers, over its live (not returned) lines. */
export interface VoucherCounts {
  /** Delivered to the Post Office (SENT, and whatever came after). */
  sent: number;
  /** With a payment code from the payment-code file. */
  coded: number;
  cashed: number;
  expired: number;
  /** Cancelled by the Post Office. */
  cancelled: number;
  /** Sent, with no outcome from the reconciliation report yet. */
  outstanding: number;
  /** Not delivered, or delivered with no code yet: what an admin's "return to NEW" would take back. */
  unsettled: number;
}

export const NO_VOUCHERS: VoucherCounts = {
  sent: 0,
  coded: 0,
  cashed: 0,
  expired: 0,
  cancelled: 0,
  outstanding: 0,
  unsettled: 0,
};

/** The counts of each batch named, in one grouped statement however many batches and lines. */
export async function voucherCountsByBatch(db: SqlTx, batchIds: readonly string[]): Promise<Map<string, VoucherCounts>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db.$queryRaw<({ batchId: string } & VoucherCounts)[]>`
    SELECT l."batchId"::text AS "batchId",
           count(*) FILTER (WHERE p."sentAt" IS NOT NULL)::int AS sent,
           count(p."paymentCode")::int AS coded,
           count(*) FILTER (WHERE p.status = 'CASHED')::int AS cashed,
           count(*) FILTER (WHERE p.status = 'EXPIRED')::int AS expired,
           count(*) FILTER (WHERE p.status = 'CANCELLED' AND p."postOfficeStatusDate" IS NOT NULL)::int AS cancelled,
           count(*) FILTER (WHERE p.status = 'SENT')::int AS outstanding,
           count(*) FILTER (WHERE p.status = 'NEW' OR (p.status = 'SENT' AND p."paymentCode" IS NULL))::int AS unsettled
    FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ANY(${batchIds as string[]}::uuid[]) AND NOT l."isVoid"
    GROUP BY l."batchId"`;
  return new Map(rows.map(({ batchId, ...counts }) => [batchId, counts]));
}

export interface PayoutBatchListItem {
  id: string;
  runId: string;
  status: BatchStatus;
  /** YYYY-MM-DD, Europe/London. */
  businessDate: string;
  sequenceNo: number;
  fileName: string | null;
  paymentCount: number;
  totalPence: number;
  createdAt: Date;
  deliveredAt: Date | null;
  deliveryTarget: string | null;
  deliveryError: string | null;
  counts: VoucherCounts;
}

type RawBatchRow = Omit<PayoutBatchListItem, "counts" | "totalPence"> & { totalPence: bigint };

export async function listPayoutBatches(
  db: Db,
  position: { before?: PayoutBatchPosition; after?: PayoutBatchPosition } = {},
): Promise<{ batches: PayoutBatchListItem[]; older?: PayoutBatchPosition; newer?: PayoutBatchPosition }> {
  // Newest first, so the next page (older batches) is "before" and the previous page is "after".
  const start = keysetStart({ next: position.before, previous: position.after });
  const order = readOrder("desc", start.backwards);
  const op = Prisma.raw(beyondCursor(order) === "lt" ? "<" : ">");
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const beyond = start.cursor
    ? Prisma.sql`AND (b."businessDate", b."sequenceNo") ${op} (${start.cursor.businessDate}::date, ${start.cursor.sequenceNo}::int)`
    : Prisma.empty;
  const rows = await db.$queryRaw<RawBatchRow[]>`
    SELECT b.id::text, b."runId"::text AS "runId", b.status::text AS status,
           to_char(b."businessDate", 'YYYY-MM-DD') AS "businessDate", b."sequenceNo" AS "sequenceNo",
           f."fileName" AS "fileName", b."paymentCount" AS "paymentCount", b."totalPence" AS "totalPence",
           b."createdAt" AS "createdAt", b."deliveredAt" AS "deliveredAt", b."deliveryTarget" AS "deliveryTarget",
           b."deliveryError" AS "deliveryError"
    FROM "Batch" b
    LEFT JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'PAYOUT_CSV'
    WHERE b.method = 'CASH' AND b."businessDate" IS NOT NULL AND b."sequenceNo" IS NOT NULL ${beyond}
    ORDER BY b."businessDate" ${dir}, b."sequenceNo" ${dir}
    LIMIT ${fetchLimit(PAYOUT_BATCH_PAGE_SIZE)}`;
  const page = keysetPage(rows, {
    pageSize: PAYOUT_BATCH_PAGE_SIZE,
    start,
    cursorOf: (r): PayoutBatchPosition => ({ businessDate: r.businessDate, sequenceNo: r.sequenceNo }),
  });
  const counts = await voucherCountsByBatch(
    db,
    page.rows.map((r) => r.id),
  );
  return {
    batches: page.rows.map((r) => ({ ...r, totalPence: Number(r.totalPence), counts: counts.get(r.id) ?? NO_VOUCHERS })),
    older: page.next,
    newer: page.previous,
  };
}

/** Whether a batch went to the local folder used without SFTP settings, not to the Post Office. */
export function isLocalDelivery(target: string | null): boolean {
  return target !== null && !/^sftp:\/\//i.test(target);
}
