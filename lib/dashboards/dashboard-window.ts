import { addCalendarDays, dayOfWeek, londonDate, londonDayStart } from "@/lib/dates/london-date";

// The dashboards look back 90 London calendar days, today included (docs/dashboards.md#the-window):
// a day is a UK day, so a change at 23:30 UTC in summer counts on the next day, as staff see it.

export const WINDOW_DAYS = 90;

export type DashboardWindow = {
  /** Today's London date. */
  today: string;
  /** The window's London dates, oldest first, today last. */
  days: string[];
  /** The instant the window's first day began in London. */
  from: Date;
};

export function dashboardWindow(now: Date, length = WINDOW_DAYS): DashboardWindow {
  const today = londonDate(now);
  const days = Array.from({ length }, (_, i) => addCalendarDays(today, i - length + 1));
  return { today, days, from: londonDayStart(days[0]) };
}

/** The Monday on or before a date: weeks run Monday to Sunday. */
export function mondayOf(isoDate: string): string {
  return addCalendarDays(isoDate, -((dayOfWeek(isoDate) + 6) % 7));
}

const SHORT = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const LONG = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** "2026-11-03" as "3 Nov" (an axis tick). */
export function shortDay(isoDate: string): string {
  return SHORT.format(new Date(`${isoDate}T00:00:00Z`));
}

/** "2026-11-03" as "3 Nov 2026" (a table row, a bar's name). */
export function dayLabel(isoDate: string): string {
  return LONG.format(new Date(`${isoDate}T00:00:00Z`));
}
