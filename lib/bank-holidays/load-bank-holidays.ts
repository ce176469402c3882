import type { Tx } from "@/lib/db";
import { holidaySet, SHIPPED_BANK_HOLIDAYS, type BankHoliday } from "./bank-holidays";

// An admin upload replaces the shipped calendar as a whole (import-bank-holidays.ts);
// until there is one, the calendar shipped in the repo applies. Never a mix of the two: a partial
// calendar would quietly make a holiday a working day.

/** Anything with the BankHoliday table: the client or a transaction. */
export type BankHolidayReader = Pick<Tx, "bankHoliday">;

export interface BankHolidayCalendar {
  source: "upload" | "shipped";
  /** Sorted by date. */
  holidays: BankHoliday[];
}

/** A @db.Date column comes back as UTC midnight of the day. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function loadBankHolidayCalendar(db: BankHolidayReader): Promise<BankHolidayCalendar> {
  const stored = await db.bankHoliday.findMany({ orderBy: { date: "asc" } });
  if (stored.length === 0) return { source: "shipped", holidays: [...SHIPPED_BANK_HOLIDAYS] };
  return { source: "upload", holidays: stored.map((h) => ({ date: isoDateOf(h.date), title: h.title })) };
}

/** The set the working-day rules take (YYYY-MM-DD). */
export async function loadBankHolidays(db: BankHolidayReader): Promise<ReadonlySet<string>> {
  return holidaySet((await loadBankHolidayCalendar(db)).holidays);
}
