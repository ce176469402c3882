import type { Db } from "@/lib/db";
import type { BankHoliday } from "./bank-holidays";
import { loadBankHolidayCalendar } from "./load-bank-holidays";

export interface BankHolidaysPage {
  /** "upload" once an admin has replaced the calendar; "shipped" while the repo's file applies. */
  source: "upload" | "shipped";
  holidays: BankHoliday[];
  /** The upload the table came from: the latest applied one. */
  lastUpload: { uploadedAt: Date; uploadedBy: string; fileName: string } | null;
}

/** The calendar the runs use now, for the bank-holidays page. */
export async function listBankHolidays(db: Db): Promise<BankHolidaysPage> {
  const calendar = await loadBankHolidayCalendar(db);
  const last = await db.upload.findFirst({
    where: { kind: "BANK_HOLIDAYS", status: "APPLIED" },
    orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
    select: { uploadedAt: true, fileName: true, uploadedBy: { select: { name: true } } },
  });
  return {
    source: calendar.source,
    holidays: calendar.holidays,
    lastUpload: last ? { uploadedAt: last.uploadedAt, uploadedBy: last.uploadedBy.name, fileName: last.fileName } : null,
  };
}
