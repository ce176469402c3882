import type { SqlTx } from "@/lib/db/pg-transaction";
import type { VoucherDetails } from "./letter-kit";

/**
 * The voucher each of these messages carries, read from its payment and the person it pays (a
 * claim's claimant or a cycle's beneficiary) in one statement: the letter and the emailed PDF print the payment's own code, amount and expiry,
 * not a copy. A message whose payment has no code or expiry date yet is left out.
 */
export async function loadVoucherDetails(db: SqlTx, notificationIds: readonly string[]): Promise<Map<string, VoucherDetails>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await db.$queryRaw<(VoucherDetails & { notificationId: string })[]>`
    SELECT n.id AS "notificationId", p.reference AS "paymentReference", cl."firstName", cl."lastName",
           cl."addressLine1", cl.town, cl.county, cl.postcode, p."amountPence", p."paymentCode" AS code,
           to_char(p."voucherExpiresOn", 'YYYY-MM-DD') AS "expiryDate"
    FROM "Notification" n
    JOIN "Payment" p ON p.id = n."paymentId"
    JOIN "Claimant" cl ON cl.id = p."personId"
    WHERE n.id = ANY(${[...notificationIds]}::uuid[]) AND p."paymentCode" IS NOT NULL AND p."voucherExpiresOn" IS NOT NULL`;
  return new Map(rows.map(({ notificationId, ...voucher }) => [notificationId, voucher]));
}
