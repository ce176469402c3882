import { londonDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import type { UploadRowOutcome } from "@/lib/generated/prisma/enums";
import { loadUploadSummary, type UploadSummary } from "@/lib/uploads/load-upload-summary";
import type { VoucherFinalStatus } from "../parse-reconciliation";

/**
 * What the result page of a reconciliation upload shows (docs/file-formats.md#payout-reconciliation-upload):
 * its matched, unchanged and error rows (the first few of each, with the payment each names, so a
 * conflicting row links to the payment an admin settles it on), how many vouchers it moved to each
 * status, and the vouchers still outstanding past their expiry (SENT, last day to collect before
 * today), which the Post Office should report as expired.
 */

export interface ReconciliationRowView {
  lineNo: number;
  message: string | null;
  paymentId: string | null;
  paymentReference: string | null;
  claimReference: string | null;
}

export interface OutstandingVoucher {
  paymentId: string;
  reference: string;
  /** Null for a cycle's payment (it has no claim). */
  claimReference: string | null;
  amountPence: number;
  /** YYYY-MM-DD: the last day it could be collected. */
  voucherExpiresOn: string;
}

export interface ReconciliationResult {
  upload: UploadSummary;
  /** The first `limit` rows of each outcome, in line order (errors: those stored, see the error report for all). */
  rows: Record<UploadRowOutcome, ReconciliationRowView[]>;
  /** The vouchers this upload moved, by the status they took. */
  moved: Record<VoucherFinalStatus, number>;
  outstanding: { count: number; vouchers: OutstandingVoucher[] };
}

export async function loadReconciliationResult(
  db: Db,
  options: { uploadId: string; now: Date; limit?: number },
): Promise<ReconciliationResult | null> {
  const limit = options.limit ?? 50;
  const upload = (await loadUploadSummary(db, options.uploadId, "PAYOUT_RECONCILIATION"))?.summary;
  if (!upload) return null;

  const rows = await db.$queryRaw<(ReconciliationRowView & { outcome: UploadRowOutcome })[]>`
    SELECT r."lineNo", r.outcome::text AS outcome, r.message, r."paymentId"::text AS "paymentId",
           p.reference AS "paymentReference", c.reference AS "claimReference"
    FROM (
      SELECT u.*, row_number() OVER (PARTITION BY u.outcome ORDER BY u."lineNo") AS n
      FROM "UploadRow" u WHERE u."uploadId" = ${upload.id}::uuid
    ) r
    LEFT JOIN "Payment" p ON p.id = r."paymentId" LEFT JOIN "Claim" c ON c.id = p."claimId"
    WHERE r.n <= ${limit}
    ORDER BY r."lineNo"`;
  const byOutcome: ReconciliationResult["rows"] = { MATCHED: [], UNCHANGED: [], ERROR: [] };
  for (const { outcome, ...row } of rows) byOutcome[outcome].push(row);

  const moved = { CASHED: 0, EXPIRED: 0, CANCELLED: 0 };
  const counts = await db.$queryRaw<{ status: VoucherFinalStatus; n: number }[]>`
    SELECT "toStatus"::text AS status, count(*)::int AS n FROM "PaymentStatusHistory"
    WHERE "uploadId" = ${upload.id}::uuid GROUP BY "toStatus"`;
  for (const { status, n } of counts) if (status in moved) moved[status] = n;

  return {
    upload,
    rows: byOutcome,
    moved,
    outstanding: await loadOutstandingVouchers(db, { now: options.now, limit }),
  };
}

/** SENT vouchers whose last day to collect is before today (London), oldest first. */
export async function loadOutstandingVouchers(
  db: Db,
  options: { now: Date; limit?: number },
): Promise<ReconciliationResult["outstanding"]> {
  const today = londonDate(options.now);
  const [{ count }] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Payment"
    WHERE status = 'SENT' AND method = 'CASH' AND "voucherExpiresOn" < ${today}::date`;
  const vouchers = await db.$queryRaw<OutstandingVoucher[]>`
    SELECT p.id::text AS "paymentId", p.reference, c.reference AS "claimReference", p."amountPence" AS "amountPence",
           to_char(p."voucherExpiresOn", 'YYYY-MM-DD') AS "voucherExpiresOn"
    FROM "Payment" p LEFT JOIN "Claim" c ON c.id = p."claimId"
    WHERE p.status = 'SENT' AND p.method = 'CASH' AND p."voucherExpiresOn" < ${today}::date
    ORDER BY p."voucherExpiresOn", p.reference
    LIMIT ${options.limit ?? 50}`;
  return { count, vouchers };
}
