import { isIsoDate, londonDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { movePayments } from "@/lib/payments/move-payments";
import { SETTLE_VOUCHER_TRANSITIONS } from "@/lib/payments/rules/payment-transitions";
import { VOUCHER_FINAL_STATUSES, type VoucherFinalStatus } from "../parse-reconciliation";

/**
 * An admin accepts the Post Office's status for a voucher whose reconciliation row conflicts with
 * the final status it already has (docs/file-formats.md#payout-reconciliation-upload): the report
 * repeats the row every day, so without this it would block every later report. With a reason,
 * through movePayments (the status history and audit record the admin, the reason and the report),
 * after which that row of the report is "unchanged".
 */

export const SETTLE_REASON_MAX = 2_000;

export interface SettleConflictingStatus {
  db: Db;
  paymentId: string;
  /** The status the Post Office reports, and the date it gives for it (YYYY-MM-DD). */
  status: VoucherFinalStatus;
  statusDate: string;
  reason: string;
  actor: { id: string; email: string };
  now: Date;
  /** The reconciliation upload whose row conflicted, recorded with the move. */
  uploadId?: string | null;
}

export async function settleConflictingStatus(
  options: SettleConflictingStatus,
): Promise<{ reference: string; from: VoucherFinalStatus; to: VoucherFinalStatus }> {
  const { db, paymentId, status, statusDate, actor, now } = options;
  const reason = options.reason.trim();
  if (reason === "") throw new AppError("VALIDATION", "Give a reason", { reason: ["Give a reason"] });
  if (reason.length > SETTLE_REASON_MAX) {
    throw new AppError("VALIDATION", `The reason is too long`, { reason: [`At most ${SETTLE_REASON_MAX} characters`] });
  }
  if (!VOUCHER_FINAL_STATUSES.includes(status)) {
    throw new AppError("VALIDATION", "Choose the Post Office's status", { status: ["Choose CASHED, EXPIRED or CANCELLED"] });
  }
  if (!isIsoDate(statusDate)) throw new AppError("VALIDATION", "Enter a real date", { statusDate: ["Enter a real date"] });
  const today = londonDate(now);
  if (statusDate > today) {
    throw new AppError("VALIDATION", "The status date is in the future", { statusDate: ["The date cannot be in the future"] });
  }

  return withPgTransaction(db, async (tx) => {
    const [payment] = await tx.$queryRaw<
      {
        reference: string;
        method: string;
        status: string;
        code: string | null;
        deliveredOn: string | null;
        replacement: string | null;
      }[]
    >`
      SELECT p.reference, p.method::text AS method, p.status::text AS status, p."paymentCode" AS code,
             (SELECT to_char(((b."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')
              FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'CASH'
              WHERE l."paymentId" = p.id ORDER BY l."isVoid", b."createdAt" DESC, b.id LIMIT 1) AS "deliveredOn",
             (SELECT r.reference FROM "Payment" r WHERE r."replacesId" = p.id AND r.status NOT IN ('CANCELLED', 'FAILED', 'EXPIRED'))
               AS replacement
      FROM "Payment" p WHERE p.id = ${paymentId}::uuid FOR UPDATE`;
    if (!payment) throw new AppError("NOT_FOUND", "There is no such payment");
    const from = payment.status as VoucherFinalStatus;
    if (payment.method !== "CASH" || payment.code === null || !VOUCHER_FINAL_STATUSES.includes(from)) {
      throw new AppError(
        "INVALID_STATE",
        `Payment ${payment.reference} is not a Post Office voucher with a final status (it is ${payment.status.toLowerCase()}): there is nothing to settle`,
      );
    }
    if (from === status) {
      throw new AppError("INVALID_STATE", `Payment ${payment.reference} is already ${status.toLowerCase()}: nothing to settle`);
    }
    if (payment.deliveredOn !== null && statusDate < payment.deliveredOn) {
      throw new AppError("VALIDATION", `The status date is before the voucher's batch was delivered (${payment.deliveredOn})`, {
        statusDate: [`The date cannot be before ${payment.deliveredOn}, when the batch was delivered`],
      });
    }
    // A cashed voucher that was already reissued would pay the claimant twice.
    if (status === "CASHED" && payment.replacement !== null) {
      throw new AppError(
        "INVALID_STATE",
        `Payment ${payment.reference} was reissued as ${payment.replacement}: cancel that payment before accepting that this voucher was cashed`,
      );
    }
    const { count } = await movePayments(tx, {
      transition: SETTLE_VOUCHER_TRANSITIONS[status],
      mover: "ADMIN",
      ids: [paymentId],
      reason,
      date: statusDate,
      actor,
      now,
      source: options.uploadId ? { uploadId: options.uploadId } : undefined,
      extras: [{ settled: "conflicting Post Office reconciliation row" }],
    });
    if (count !== 1) throw new Error(`settling payment ${paymentId}: ${count} moved`);
    return { reference: payment.reference, from, to: status };
  });
}
