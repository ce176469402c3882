import { addCalendarDays, dayOfWeek, isIsoDate, isOnOrAfter, londonDate } from "../dates/london-date";

/**
 * England and Wales working days: Monday to Friday, not a bank holiday. Holidays are passed in
 * (a set of YYYY-MM-DD) rather than imported, so callers decide between the shipped data file and
 * an admin-uploaded replacement, and tests can use any calendar.
 */

/**
 * Working days after the first download before a bank payment with no reported failure is PAID
 * (docs/runs.md#the-paid-sweep).
 */
export const PAID_AFTER_WORKING_DAYS = 5;

export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string>): boolean {
  const dow = dayOfWeek(isoDate);
  return dow !== 0 && dow !== 6 && !holidays.has(isoDate);
}

/**
 * The date that is `days` working days after `isoDate`. The start date itself is never counted,
 * whether or not it is a working day: from Friday, 1 working day is Monday; from Saturday, also
 * Monday. `days` = 0 returns the start date unchanged.
 */
export function addWorkingDays(isoDate: string, days: number, holidays: ReadonlySet<string>): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`addWorkingDays: not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`addWorkingDays: days must be a whole number, 0 or more, got ${days}`);
  }
  let date = isoDate;
  let left = days;
  // Terminates: every week has five weekdays, and holidays are a finite set.
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, holidays)) left -= 1;
  }
  return date;
}

/**
 * Working days in (from, to]: after `from`, up to and including `to`. The inverse of addWorkingDays
 * on working days, so workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative when `to` is
 * before `from`.
 */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  if (!isOnOrAfter(to, from)) return -workingDaysBetween(to, from, holidays);
  let count = 0;
  for (let date = from; date < to;) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, holidays)) count += 1;
  }
  return count;
}

/**
 * The London date from which a SENT bank payment counts as PAID ("Paid (no failure reported)").
 *
 * The rule, made precise: day 0 is the London calendar date of the first download of the
 * AccessPay file (whatever the time of day, and even on a weekend or bank holiday). The payment
 * is PAID from the 5th working day after day 0 — addWorkingDays(day0, 5) — from the first moment
 * of that London day. Example: first downloaded Monday 2026-06-08 at any time -> PAID from Monday
 * 2026-06-15; downloaded on Saturday 2026-06-13 -> PAID from Friday 2026-06-19.
 *
 * Why the London date: SSCL works to the England and Wales calendar, so a download at 23:30 UTC
 * in summer (00:30 BST) happened on the next London day, and the count starts from that day.
 */
export function paidFromDate(firstDownloadedAt: Date, holidays: ReadonlySet<string>): string {
  return addWorkingDays(londonDate(firstDownloadedAt), PAID_AFTER_WORKING_DAYS, holidays);
}

/** True once the London date of `now` is on or after paidFromDate(firstDownloadedAt). */
export function isPaidNoFailureReported(args: { firstDownloadedAt: Date; now: Date; holidays: ReadonlySet<string> }): boolean {
  return isOnOrAfter(londonDate(args.now), paidFromDate(args.firstDownloadedAt, args.holidays));
}

/**
 * The latest London date of a first download whose payments are PAID by `now`: the set-based form
 * of isPaidNoFailureReported, for a sweep that compares dates in SQL. Monotone: addWorkingDays
 * never goes back, so counting back from today finds it within a few weeks of days.
 */
export function latestPaidDownloadDate(now: Date, holidays: ReadonlySet<string>): string {
  const today = londonDate(now);
  let date = today;
  while (!isOnOrAfter(today, addWorkingDays(date, PAID_AFTER_WORKING_DAYS, holidays))) date = addCalendarDays(date, -1);
  return date;
}
