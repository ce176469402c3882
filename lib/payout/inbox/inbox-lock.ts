import type { Db } from "@/lib/db";
import { withSessionAdvisoryLock } from "@/lib/db/session-advisory-lock";

/**
 * One inbox fetch at a time: two (a slow run overlapping the next cron call) would read the same
 * file and race to move it. The same bytes would not be applied twice (the second import is a
 * DUPLICATE), but one of them would fail its move for nothing. (There is no Run kind for the inbox:
 * the schema has only the payment runs' kinds.)
 */
export function withInboxLock<T>(db: Db, work: () => Promise<T>): Promise<T | "BUSY"> {
  return withSessionAdvisoryLock(db, "payout-inbox", work);
}
