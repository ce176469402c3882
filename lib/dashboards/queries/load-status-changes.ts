import type { Db } from "@/lib/db";
import type { StatusChangeRow } from "../status-over-time";
import { utcInstant } from "./sql-time";

/**
 * Per method, London day and status: the payments that entered the status since `from` (one GROUP
 * BY over the status history in the window; a move that keeps the status is left out). Feeds the
 * status chart and the weekly failure rate alike. The day is grouped as a date and formatted after,
 * once per group rather than once per row. PaymentStatusHistory_at_idx keeps it to the window's rows
 * (docs/dashboards.md#what-the-queries-cost).
 */
export async function loadStatusChanges(db: Db, from: Date): Promise<StatusChangeRow[]> {
  return db.$queryRaw<StatusChangeRow[]>`
    SELECT g.method, to_char(g.day, 'YYYY-MM-DD') AS day, g.status, g.count
    FROM (
      SELECT p.method, ((h.at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date AS day, h."toStatus" AS status,
             count(*)::int AS count
      FROM "PaymentStatusHistory" h
      JOIN "Payment" p ON p.id = h."paymentId"
      WHERE h.at >= ${utcInstant(from)} AND h."fromStatus" IS DISTINCT FROM h."toStatus"
      GROUP BY 1, 2, 3
    ) g`;
}
