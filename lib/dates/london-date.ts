/**
 * Calendar dates as the business sees them: in Europe/London, as ISO "YYYY-MM-DD" strings.
 *
 * Why strings and not Dates: a JavaScript Date is an instant, and "which day was that?" depends on
 * the zone. Working-day rules (bank holidays, "5 working days after") are about London calendar
 * days, so we convert an instant to its London date once and do all arithmetic on plain dates,
 * where daylight-saving changes cannot shift anything by an hour. ISO dates also compare correctly
 * as strings, which keeps comparisons trivial.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// One formatter, built once: Intl formatters are comparatively expensive to create.
const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The London calendar date (YYYY-MM-DD) of an instant, e.g. 2026-06-10T23:30Z -> "2026-06-11" (BST). */
export function londonDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("londonDate: invalid Date");
  // formatToParts rather than format(): the joined layout of a locale is not a contract, the parts are.
  const parts = LONDON_PARTS.formatToParts(instant);
  const get = (type: "year" | "month" | "day"): string => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`londonDate: Intl gave no ${type}`);
    return part.value;
  };
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True for a real calendar date written as YYYY-MM-DD ("2026-02-30" is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 30 February over to March; a real date survives the round trip unchanged.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
}

/** -1, 0 or 1, like a sort comparator. ISO dates order correctly as strings. */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  assertIsoDate(a);
  assertIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: string, b: string): boolean {
  return compareIsoDates(a, b) < 0;
}

export function isOnOrAfter(a: string, b: string): boolean {
  return compareIsoDates(a, b) >= 0;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * "2026-11-20" as "20 November 2026", for letters and timeline entries. SQL that writes the same
 * text uses to_char(…, 'FMDD FMMonth YYYY'), which gives exactly this.
 */
export function longDate(isoDate: string): string {
  assertIsoDate(isoDate);
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The date `days` calendar days after (or before, if negative) an ISO date. */
export function addCalendarDays(isoDate: string, days: number): string {
  assertIsoDate(isoDate);
  if (!Number.isInteger(days)) throw new RangeError(`addCalendarDays: days must be a whole number, got ${days}`);
  // Arithmetic in UTC midnight: UTC has no daylight saving, so a day is always 86,400,000 ms.
  const ms = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Day of the week of an ISO date: 0 Sunday ... 6 Saturday. */
export function dayOfWeek(isoDate: string): number {
  assertIsoDate(isoDate);
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/**
 * The instant a London date begins: 00:00 GMT in winter, 00:00 BST (23:00 UTC the day before) in
 * summer. For turning a date filter into a range of timestamps. London's clocks change at 01:00
 * UTC, never near midnight, so the offset at London midnight is the offset at UTC midnight.
 */
export function londonDayStart(isoDate: string): Date {
  assertIsoDate(isoDate);
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  // At UTC midnight London shows either the same date (GMT) or 01:00 the same date (BST).
  const londonHour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(utcMidnight),
  );
  return new Date(utcMidnight.getTime() - londonHour * 3_600_000);
}

const ukDateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "22 Nov 2026, 14:05" in UK time: how pages and the support CLI show a moment. */
export function ukDateTime(at: Date): string {
  return ukDateTimeFormat.format(at);
}
