import { addCalendarDays } from "@/lib/dates/london-date";

// Payout vouchers outstanding (docs/dashboards.md#payout-vouchers-outstanding): cash payments SENT
// to the Post Office and not yet cashed, expired or cancelled, by how many London calendar days
// ago they were sent; and those whose last day to cash falls today or in the six days after.

/** One row of the query: the outstanding vouchers sent a number of days ago. */
export type VoucherAgeRow = { ageDays: number; count: number };

export const VOUCHER_AGE_BANDS: readonly { label: string; from: number; to: number }[] = [
  { label: "0 to 7 days", from: 0, to: 7 },
  { label: "8 to 14 days", from: 8, to: 14 },
  { label: "15 to 21 days", from: 15, to: 21 },
  { label: "22 to 28 days", from: 22, to: 28 },
  { label: "29 days or more", from: 29, to: Number.POSITIVE_INFINITY },
];

export function voucherAgeBands(rows: readonly VoucherAgeRow[]): { band: string; count: number }[] {
  return VOUCHER_AGE_BANDS.map((band) => ({
    band: band.label,
    // A negative age (sent "tomorrow": clocks) is counted as 0.
    count: rows
      .filter((r) => Math.max(0, r.ageDays) >= band.from && Math.max(0, r.ageDays) <= band.to)
      .reduce((s, r) => s + r.count, 0),
  }));
}

export const EXPIRY_DAYS = 7;

/** One row of the query: the outstanding vouchers whose last day to cash is a date. */
export type VoucherExpiryRow = { expiresOn: string; count: number };

/** Today and the six days after, each with its count (zero when none expire that day). */
export function expiringNextDays(rows: readonly VoucherExpiryRow[], today: string): { day: string; count: number }[] {
  return Array.from({ length: EXPIRY_DAYS }, (_, i) => {
    const day = addCalendarDays(today, i);
    return { day, count: rows.filter((r) => r.expiresOn === day).reduce((s, r) => s + r.count, 0) };
  });
}
