import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { beyondCursor, fetchLimit, keysetPage, keysetStart, readOrder } from "@/lib/pagination/keyset";

// The expired-voucher queue on /payout (docs/domain.md#reissuing-an-expired-voucher): cash payments
// the Post Office reported EXPIRED or CANCELLED that nothing has replaced yet, oldest first, so the
// claimant who has waited longest is at the top. A caseworker's own cancellation of an unsent
// payment is not a voucher and never queues here: only the reconciliation sets the Post Office's
// status date.

export const EXPIRED_VOUCHER_PAGE_SIZE = 25;

/** Where a page of the queue starts: a voucher's Post Office status date and its payment id. */
export interface ExpiredVoucherPosition {
  statusDate: string;
  id: string;
}

const POSITION = /^(\d{4}-\d{2}-\d{2})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function encodeVoucherPosition(p: ExpiredVoucherPosition): string {
  return `${p.statusDate}_${p.id}`;
}

export function decodeVoucherPosition(value: string | undefined): ExpiredVoucherPosition | undefined {
  const match = value ? POSITION.exec(value) : null;
  if (!match) return undefined;
  const date = new Date(`${match[1]}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1]) return undefined;
  return { statusDate: match[1], id: match[2].toLowerCase() };
}

export interface ExpiredVoucher {
  paymentId: string;
  reference: string;
  status: "EXPIRED" | "CANCELLED";
  amountPence: number;
  /** YYYY-MM-DD: the date the Post Office gave for the outcome. */
  statusDate: string;
  voucherExpiresOn: Date | null;
  claimReference: string;
  claimantName: string;
  assignedToName: string | null;
}

/** The queue's SQL condition on "Payment" p: an expired or Post-Office-cancelled voucher not replaced. */
export const EXPIRED_VOUCHER_CONDITION = Prisma.sql`
  p.method = 'CASH' AND p."postOfficeStatusDate" IS NOT NULL AND p.status IN ('EXPIRED', 'CANCELLED')
  AND NOT EXISTS (SELECT 1 FROM "Payment" r WHERE r."replacesId" = p.id)`;

export async function listExpiredVouchers(
  db: Db,
  position: { after?: ExpiredVoucherPosition; before?: ExpiredVoucherPosition } = {},
): Promise<{ vouchers: ExpiredVoucher[]; next?: ExpiredVoucherPosition; previous?: ExpiredVoucherPosition }> {
  const start = keysetStart({ next: position.after, previous: position.before });
  const order = readOrder("asc", start.backwards);
  const op = Prisma.raw(beyondCursor(order) === "gt" ? ">" : "<");
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const beyond = start.cursor
    ? Prisma.sql`AND (p."postOfficeStatusDate", p.id) ${op} (${start.cursor.statusDate}::date, ${start.cursor.id}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<ExpiredVoucher[]>`
    SELECT p.id::text AS "paymentId", p.reference, p.status::text AS status, p."amountPence" AS "amountPence",
           to_char(p."postOfficeStatusDate", 'YYYY-MM-DD') AS "statusDate", p."voucherExpiresOn" AS "voucherExpiresOn",
           c.reference AS "claimReference", c."claimantFirstName" || ' ' || c."claimantLastName" AS "claimantName",
           u.name AS "assignedToName"
    FROM "Payment" p
    JOIN "Claim" c ON c.id = p."claimId"
    LEFT JOIN "User" u ON u.id = c."assignedToId"
    WHERE ${EXPIRED_VOUCHER_CONDITION} ${beyond}
    ORDER BY p."postOfficeStatusDate" ${dir}, p.id ${dir}
    LIMIT ${fetchLimit(EXPIRED_VOUCHER_PAGE_SIZE)}`;
  const page = keysetPage(rows, {
    pageSize: EXPIRED_VOUCHER_PAGE_SIZE,
    start,
    cursorOf: (r): ExpiredVoucherPosition => ({ statusDate: r.statusDate, id: r.paymentId }),
  });
  return { vouchers: page.rows, next: page.next, previous: page.previous };
}
