import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { emptySeriesTable, type SeriesTable } from "./series-table";

// Payments by status over time (docs/dashboards.md#payments-by-status-over-time): for each UK day
// of the window, how many payments of the method entered each status that day, from the payment
// status history. A move that keeps the status (a hold put on or taken off) is not counted; a
// payment's creation counts as entering its first status.

/** One row of the query: the payments of a method that entered a status on a London day. */
export type StatusChangeRow = { method: PaymentMethod; day: string; status: PaymentStatus; count: number };

export const PAYMENT_STATUS_ORDER: readonly PaymentStatus[] = [
  "DRAFT",
  "SUSPENDED",
  "NEW",
  "SENT",
  "PAID",
  "CASHED",
  "FAILED",
  "EXPIRED",
  "CANCELLED",
  "CARRIED_OVER",
];

/** Always shown for the method, even when nothing entered them: the statuses of its ordinary life. */
const USUAL: Record<PaymentMethod, readonly PaymentStatus[]> = {
  BANK: ["NEW", "SENT", "PAID", "FAILED", "CANCELLED"],
  CASH: ["NEW", "SENT", "CASHED", "EXPIRED", "CANCELLED"],
};

/** Categories are the window's days (oldest first), series the statuses; missing days are zeros. */
export function statusOverTime(rows: readonly StatusChangeRow[], days: readonly string[], method: PaymentMethod): SeriesTable {
  const mine = rows.filter((r) => r.method === method && r.count > 0);
  const present = new Set<PaymentStatus>([...USUAL[method], ...mine.map((r) => r.status)]);
  const series = PAYMENT_STATUS_ORDER.filter((s) => present.has(s));
  const table = emptySeriesTable(days, series);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  for (const row of mine) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    table.values[i][series.indexOf(row.status)] += row.count;
  }
  return table;
}
