import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { raiseAlerts } from "./raise-alert";
import { CODES_DUE_WITHIN_WORKING_DAYS, latestOverdueDeliveryDate } from "./rules/codes-overdue";

/**
 * The "payment codes not uploaded" alert (docs/domain.md#alerts): every delivered Payout batch
 * whose delivery day (London) is two working days or more behind `now` and which still has SENT
 * payments without a code gets one alert, eventKey "codes-overdue:<batchId>", in one statement.
 * Run by the send-messages cron; raising it again for the same batch does nothing.
 */
export async function checkOverdueCodes(
  tx: SqlTx,
  options: { now: Date; holidays: ReadonlySet<string>; addresses?: readonly string[] },
): Promise<{ alerts: number; messages: number }> {
  const latest = latestOverdueDeliveryDate(options.now, options.holidays);
  const rows = Prisma.sql`
    SELECT 'codes-overdue' AS kind, 'codes-overdue:' || b.id AS event_key,
           format('Payout batch %s no. %s was delivered on %s and %s of its payments still have no payment code, %s working days later. Upload the Post Office''s payment-code file, or ask the Post Office for it.',
                  to_char(b."businessDate", 'YYYY-MM-DD'), b."sequenceNo",
                  to_char((b."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London', 'FMDD FMMonth YYYY'),
                  count(*), ${CODES_DUE_WITHIN_WORKING_DAYS}::int) AS message,
           b."runId" AS run_id, b.id AS batch_id
    FROM "Batch" b
    JOIN "FileLine" fl ON fl."batchId" = b.id AND NOT fl."isVoid"
    JOIN "Payment" p ON p.id = fl."paymentId"
    WHERE b.method = 'CASH' AND b.status = 'DELIVERED'
      AND ((b."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date <= ${latest}::date
      AND p.status = 'SENT' AND p."paymentCode" IS NULL
    GROUP BY b.id`;
  return raiseAlerts(tx, { rows, now: options.now, addresses: options.addresses });
}
