import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VoucherAgeRow, VoucherExpiryRow } from "../voucher-ages";
import { EXPIRY_DAYS } from "../voucher-ages";
import { londonDay } from "./sql-time";

/**
 * Cash payments SENT (vouchers at the Post Office, not yet cashed, expired or cancelled), by days
 * since they were sent and by their last day to cash within the next week: read on the
 * (status, method, holdReason) index, so the cost follows the vouchers outstanding, not all payments.
 */
export async function loadOutstandingVouchers(
  db: Db,
  today: string,
): Promise<{ ages: VoucherAgeRow[]; expiring: VoucherExpiryRow[] }> {
  const sentDay = londonDay(Prisma.sql`"sentAt"`);
  const [ages, expiring] = await Promise.all([
    db.$queryRaw<VoucherAgeRow[]>`
      SELECT (${today}::date - (${sentDay})::date)::int AS "ageDays", count(*)::int AS count
      FROM "Payment"
      WHERE status = 'SENT' AND method = 'CASH' AND "sentAt" IS NOT NULL
      GROUP BY 1`,
    db.$queryRaw<VoucherExpiryRow[]>`
      SELECT to_char("voucherExpiresOn", 'YYYY-MM-DD') AS "expiresOn", count(*)::int AS count
      FROM "Payment"
      WHERE status = 'SENT' AND method = 'CASH'
        AND "voucherExpiresOn" BETWEEN ${today}::date AND ${today}::date + ${EXPIRY_DAYS - 1}::int
      GROUP BY 1`,
  ]);
  return { ages, expiring };
}
