import { recordAuditSql } from "@/lib/audit/record-audit";
import { jsonFileProblem, readJsonText } from "@/lib/json/read-json-text";
import type { Db } from "@/lib/db";
import type { SqlTx } from "@/lib/db/pg-transaction";
import type { FileStore } from "@/lib/storage/file-store";
import {
  readWhole,
  receiveUpload,
  stageOutcomeRows,
  type UploadKindSpec,
  type UploadOutcome,
  type UploadRowResult,
} from "@/lib/uploads/receive-upload";
import { looksBinary } from "@/lib/uploads/upload-lines";
import { BankHolidaysError, parseBankHolidays, SHIPPED_BANK_HOLIDAYS, type BankHoliday } from "./bank-holidays";
import { londonDate } from "../dates/london-date";
import type { BankHolidayCalendar } from "./load-bank-holidays";

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
  // Too deep, a key twice, a NUL or half a character: refused as the intake API refuses them.
  const read = readJsonText(text);
  if (!read.ok) return fileError(jsonFileProblem(read));
  const json = read.value;
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

/** An uploaded calendar is a few kilobytes (gov.uk's is about 20 KB). */
export const BANK_HOLIDAYS_MAX_BYTES = 1024 * 1024;

/** The calendar in the table, in raw SQL (the upload runs on a pg transaction). */
async function uploadedCalendar(tx: SqlTx): Promise<BankHoliday[]> {
  return tx.$queryRaw<BankHoliday[]>`SELECT to_char(date, 'YYYY-MM-DD') AS date, title FROM "BankHoliday" ORDER BY date`;
}

/** The upload kind, for the upload route and the shell. */
export function bankHolidaysUpload(): UploadKindSpec<BankHolidaysPlan> {
  return {
    kind: "BANK_HOLIDAYS",
    contentType: "application/json",
    limits: { maxBytes: BANK_HOLIDAYS_MAX_BYTES },
    // The upload replaces the whole calendar: going back to an earlier file is a real change.
    duplicateOf: "latest",
    check: async (tx, file) => {
      const current = await uploadedCalendar(tx);
      const checked = checkBankHolidaysFile(await readWhole(file), current, file.now);
      await stageOutcomeRows(tx, checked.rows);
      return checked.plan;
    },
    apply: async (tx, { uploadId, fileName, actor, plan }) => {
      const current = await uploadedCalendar(tx);
      const before: BankHolidayCalendar =
        current.length > 0
          ? { source: "upload", holidays: current }
          : { source: "shipped", holidays: [...SHIPPED_BANK_HOLIDAYS] };
      // Holidays missing from the new file go too: the upload is the whole calendar.
      const kept = new Set(plan.holidays.map((h) => h.date));
      const removed = before.source === "upload" ? before.holidays.filter((h) => !kept.has(h.date)).length : 0;
      await tx.$executeRaw`DELETE FROM "BankHoliday"`;
      await tx.$executeRaw`
        INSERT INTO "BankHoliday" (date, title)
        SELECT t.date, t.title FROM unnest(${plan.holidays.map((h) => h.date)}::date[], ${plan.holidays.map((h) => h.title)}::text[])
          AS t(date, title)`;
      await recordAuditSql(tx, {
        actor,
        action: "bank-holidays.replaced",
        entityType: "BankHoliday",
        before: { source: before.source, ...range(before.holidays) },
        after: { source: "upload", uploadId, fileName, ...range(plan.holidays), removed },
      });
    },
  };
}

export async function importBankHolidays(options: {
  db: Db;
  store: FileStore;
  fileName: string;
  bytes: Buffer;
  actor: { id: string; email: string };
  now: Date;
}): Promise<UploadOutcome> {
  return receiveUpload({ ...options, spec: bankHolidaysUpload() });
}
