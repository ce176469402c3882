import shipped from "./bank-holidays-england-and-wales.json";
import { isIsoDate } from "../dates/london-date";

/**
 * Bank holidays for England and Wales: the shipped data file, and validation of an admin-uploaded
 * replacement. Replacing the calendar changes when payments become PAID, so a bad upload must be
 * refused whole, with every problem listed, rather than half-applied.
 */

export interface BankHoliday {
  date: string;
  title: string;
}

/** Thrown by parseBankHolidays; `problems` lists every problem found, one sentence each. */
export class BankHolidaysError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "BankHolidaysError";
  }
}

const GOV_UK_DIVISION = "england-and-wales";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Accepts either our own shape, `[{ "date": "2026-12-25", "title": "Christmas Day" }, ...]`, or
 * gov.uk's https://www.gov.uk/bank-holidays.json, of which only "england-and-wales" is used (extra
 * fields such as notes and bunting are ignored). Entries are numbered from 1 in messages, as an
 * admin counts them. Returns the holidays sorted by date, titles trimmed.
 */
export function parseBankHolidays(json: unknown): BankHoliday[] {
  let entries: unknown[];
  let where: string;
  if (Array.isArray(json)) {
    entries = json;
    where = "Entry";
  } else if (isRecord(json) && GOV_UK_DIVISION in json) {
    const division = json[GOV_UK_DIVISION];
    if (!isRecord(division) || !Array.isArray(division.events)) {
      throw new BankHolidaysError([`"${GOV_UK_DIVISION}" must have an "events" list`]);
    }
    entries = division.events;
    where = `"${GOV_UK_DIVISION}" event`;
  } else {
    throw new BankHolidaysError([
      `Expected a list of { "date", "title" } entries, or the gov.uk bank-holidays.json with "${GOV_UK_DIVISION}"`,
    ]);
  }
  // An empty calendar would silently make every weekday a working day.
  if (entries.length === 0) throw new BankHolidaysError(["The file has no bank holidays"]);

  const problems: string[] = [];
  const holidays: BankHoliday[] = [];
  const firstSeen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const n = index + 1;
    if (!isRecord(entry)) {
      problems.push(`${where} ${n} is not an object with "date" and "title"`);
      return;
    }
    const { date, title } = entry;
    const before = problems.length;
    if (typeof date !== "string" || !isIsoDate(date)) {
      problems.push(`${where} ${n}: date ${JSON.stringify(date ?? null)} is not a real date written YYYY-MM-DD`);
    }
    if (typeof title !== "string" || title.trim() === "") {
      problems.push(`${where} ${n}: title must be a non-empty text`);
    }
    if (problems.length > before) return;
    const d = date as string;
    const earlier = firstSeen.get(d);
    if (earlier !== undefined) {
      problems.push(`${where} ${n}: date ${d} is a duplicate of ${where.toLowerCase()} ${earlier}`);
      return;
    }
    firstSeen.set(d, n);
    holidays.push({ date: d, title: (title as string).trim() });
  });
  if (problems.length > 0) throw new BankHolidaysError(problems);
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The set that working-day functions take. */
export function holidaySet(holidays: readonly BankHoliday[]): ReadonlySet<string> {
  return new Set(holidays.map((h) => h.date));
}

/** The calendar shipped in the repo; validated on import so a bad edit fails loudly and early. */
export const SHIPPED_BANK_HOLIDAYS: readonly BankHoliday[] = Object.freeze(parseBankHolidays(shipped));
