import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { receiveUpload, type UploadOutcome, type UploadRowResult } from "@/lib/uploads/receive-upload";
import { looksBinary } from "@/lib/uploads/upload-lines";
import type { FileStore } from "@/lib/storage/file-store";
import { BankHolidaysError, parseBankHolidays, type BankHoliday } from "./bank-holidays";
import { londonDate } from "../dates/london-date";
import { loadBankHolidayCalendar } from "./load-bank-holidays";

// An admin replaces the England and Wales calendar (docs/file-formats.md#bank-holidays-upload) with
// our JSON shape or gov.uk's bank-holidays.json. The calendar decides when payments become PAID, so
// the file is taken whole or not at all: any problem is one whole-file error (row 0) and the table
// stays as it was.

export interface BankHolidaysPlan {
  holidays: BankHoliday[];
}

const BINARY_MESSAGE = "The file is not a JSON text file (it contains binary data or is not UTF-8)";

function fileError(message: string): { rows: UploadRowResult[]; plan: BankHolidaysPlan } {
  return { rows: [{ lineNo: 0, outcome: "ERROR", message }], plan: { holidays: [] } };
}

/** The years the calendar must have holidays in: this one and the next (London), for "5 working days after". */
export function requiredYears(now: Date): string[] {
  const year = Number(londonDate(now).slice(0, 4));
  return [String(year), String(year + 1)];
}

/**
 * Pure: the rows the upload page shows, one per holiday in date order, compared with the calendar
 * in the table (`current`, empty while the shipped one applies): MATCHED when new or retitled,
 * UNCHANGED when the same date and title are already there.
 */
export function checkBankHolidaysFile(
  bytes: Uint8Array,
  current: readonly BankHoliday[],
  now: Date,
): { rows: UploadRowResult[]; plan: BankHolidaysPlan } {
  if (looksBinary(bytes)) return fileError(BINARY_MESSAGE);
  // TextDecoder drops a leading byte order mark, which JSON.parse would refuse.
  const text = new TextDecoder("utf-8").decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fileError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  let holidays: BankHoliday[];
  try {
    holidays = parseBankHolidays(json);
  } catch (error) {
    if (error instanceof BankHolidaysError) return fileError(error.message);
    throw error;
  }

  const years = new Set(holidays.map((h) => h.date.slice(0, 4)));
  const required = requiredYears(now);
  const missing = required.filter((y) => !years.has(y));
  if (missing.length > 0) {
    return fileError(
      `The calendar has no bank holidays in ${missing.join(" or ")}. It must cover ${required.join(" and ")}: ` +
        "payments become paid by counting the working days ahead.",
    );
  }

  const titles = new Map(current.map((h) => [h.date, h.title]));
  const rows = holidays.map((h, i): UploadRowResult => {
    const before = titles.get(h.date);
    if (before === h.title) return { lineNo: i + 1, outcome: "UNCHANGED", message: `${h.date} ${h.title}` };
    const was = before === undefined ? "" : ` (was "${before}")`;
    return { lineNo: i + 1, outcome: "MATCHED", message: `${h.date} ${h.title}${was}` };
  });
  return { rows, plan: { holidays } };
}

function range(holidays: readonly BankHoliday[]) {
  return { count: holidays.length, from: holidays[0]?.date ?? null, to: holidays[holidays.length - 1]?.date ?? null };
}

export async function importBankHolidays(options: {
  db: Db;
  store: FileStore;
  fileName: string;
  bytes: Buffer;
  actor: { id: string; email: string };
  now: Date;
}): Promise<UploadOutcome> {
  const { db, store, fileName, bytes, actor, now } = options;
  return receiveUpload<BankHolidaysPlan>({
    db,
    store,
    kind: "BANK_HOLIDAYS",
    fileName,
    bytes,
    contentType: "application/json",
    // The upload replaces the whole calendar: going back to an earlier file is a real change.
    duplicateOf: "latest",
    actor,
    now,
    check: async (tx, file) => {
      const calendar = await loadBankHolidayCalendar(tx);
      return checkBankHolidaysFile(file, calendar.source === "upload" ? calendar.holidays : [], now);
    },
    apply: async (tx, plan, uploadId) => {
      const before = await loadBankHolidayCalendar(tx);
      // Holidays missing from the new file go too: the upload is the whole calendar.
      const kept = new Set(plan.holidays.map((h) => h.date));
      const removed = before.source === "upload" ? before.holidays.filter((h) => !kept.has(h.date)).length : 0;
      await tx.bankHoliday.deleteMany({});
      await tx.bankHoliday.createMany({
        data: plan.holidays.map((h) => ({ date: new Date(`${h.date}T00:00:00Z`), title: h.title })),
      });
      await recordAudit(tx, {
        actor,
        action: "bank-holidays.replaced",
        entityType: "BankHoliday",
        before: { source: before.source, ...range(before.holidays) },
        after: { source: "upload", uploadId, fileName, ...range(plan.holidays), removed },
      });
    },
  });
}
