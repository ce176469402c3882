// The ADI journal is dated by the business day in Europe/London (docs/file-formats.md#adi-cell-map),
// which differs from the UTC date for a run started between midnight and 01:00 during BST.

import { londonDate } from "@/lib/dates/london-date";

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function londonCalendarDate(at: Date): CalendarDate {
  if (Number.isNaN(at.getTime())) throw new RangeError("londonCalendarDate needs a valid date");
  const [year, month, day] = londonDate(at).split("-").map(Number);
  return { year, month, day };
}

/**
 * The Excel serial number of a calendar day (1900 date system): what a date cell stores.
 * Computed from UTC midnights so no local time zone can shift it; valid from 1 March 1900,
 * after Excel's phantom 29 February 1900.
 */
export function excelDateSerial({ year, month, day }: CalendarDate): number {
  const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
  return (Date.UTC(year, month - 1, day) - EXCEL_EPOCH) / 86_400_000;
}
