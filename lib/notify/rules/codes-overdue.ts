import { addWorkingDays } from "@/lib/bank-holidays/working-days";
import { addCalendarDays, isOnOrAfter, londonDate } from "@/lib/dates/london-date";

/**
 * Working days (England and Wales) the Post Office has, after a Payout batch is delivered, before
 * support is told its payment-code file has not been uploaded.
 */
export const CODES_DUE_WITHIN_WORKING_DAYS = 2;

/**
 * The date a batch delivered on `deliveredOn` (a London date) is overdue from: two working days
 * after it, the delivery day itself never counted. Delivered Monday: overdue from Wednesday;
 * Friday or Saturday: from Tuesday.
 */
export function codesOverdueFrom(deliveredOn: string, holidays: ReadonlySet<string>): string {
  return addWorkingDays(deliveredOn, CODES_DUE_WITHIN_WORKING_DAYS, holidays);
}

/**
 * The latest London delivery date whose batches are overdue at `now`: the set-based form of
 * codesOverdueFrom, for a check that compares dates in SQL. Monotone, so counting back from today
 * finds it within days.
 */
export function latestOverdueDeliveryDate(now: Date, holidays: ReadonlySet<string>): string {
  const today = londonDate(now);
  let date = today;
  while (!isOnOrAfter(today, codesOverdueFrom(date, holidays))) date = addCalendarDays(date, -1);
  return date;
}
