import type { Db } from "@/lib/db";
import type { ReasonCount } from "../failure-rate";
import { utcInstant } from "./sql-time";

/** Bank payments that failed since `from`, counted by the reason SSCL gave (the history's reason). */
export async function loadFailureReasons(db: Db, from: Date): Promise<ReasonCount[]> {
  return db.$queryRaw<ReasonCount[]>`
    SELECT btrim(h.reason) AS reason, count(*)::int AS count
    FROM "PaymentStatusHistory" h
    JOIN "Payment" p ON p.id = h."paymentId"
    WHERE h.at >= ${utcInstant(from)} AND h."toStatus" = 'FAILED' AND h."fromStatus" IS DISTINCT FROM 'FAILED'
      AND p.method = 'BANK'
    GROUP BY btrim(h.reason)`;
}
