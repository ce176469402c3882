// The ADI journal (docs/file-formats.md#adi-journal): a copy of SSCL's WebADI template with only
// the mapped cells changed. xlsx-populate edits the cells and passes every part it does not model
// (the VBA project, the custom ribbon, very-hidden sheets' state, defined names) through untouched.

import { utcFileTimestamp } from "../../batches/file-timestamp";
import { excelDateSerial, londonCalendarDate, type CalendarDate } from "./london-date";

/** Where each value goes. Another template (one journal line, say) gets its own map. */
export interface AdiCellMap {
  sheet: string;
  accountingDate: string;
  journalName: string;
  journalDescription: string;
  debit: string;
  credit: string;
}

export const DEFAULT_ADI_CELL_MAP: Readonly<AdiCellMap> = {
  sheet: "WebADI",
  accountingDate: "E12",
  journalName: "E14",
  journalDescription: "E15",
  debit: "J19",
  credit: "K20",
};

export const DEFAULT_JOURNAL_NAME_PATTERN = "578/APVU/{DDMMYY}/EB";
const DATE_TOKEN = "{DDMMYY}";

export interface FillAdiJournalInput {
  template: Buffer;
  runStartedAt: Date;
  totalPence: number;
  cellMap?: AdiCellMap;
  /** `{DDMMYY}` becomes the run's Europe/London date. */
  journalNamePattern?: string;
}

export async function fillAdiJournal(input: FillAdiJournalInput): Promise<Buffer> {
  const { template, runStartedAt, totalPence } = input;
  const cellMap = input.cellMap ?? DEFAULT_ADI_CELL_MAP;
  const pattern = input.journalNamePattern ?? DEFAULT_JOURNAL_NAME_PATTERN;
  // A run with nothing to pay makes no journal; a zero or fractional total here is a bug.
  if (!Number.isSafeInteger(totalPence) || totalPence <= 0) {
    throw new Error(`ADI journal total must be a positive whole number of pence, got ${totalPence}`);
  }
  if (!pattern.includes(DATE_TOKEN)) throw new Error(`journal name pattern must contain ${DATE_TOKEN}: ${pattern}`);

  // xlsx-populate (with jszip and lodash) loads when a journal is made, not when a run starts: the
  // run imports this module, and its selection, which streams every payment, is where memory is tight.
  const { default: XlsxPopulate } = await import("xlsx-populate");
  const workbook = await XlsxPopulate.fromDataAsync(template);
  const sheet = workbook.sheet(cellMap.sheet);
  if (!sheet) throw new Error(`ADI template has no sheet named ${cellMap.sheet}`);

  const londonDate = londonCalendarDate(runStartedAt);
  const journalName = pattern.replace(DATE_TOKEN, ddmmyy(londonDate));
  // A date cell holds its serial number; the template's own dd-mmm-yyyy format shows it as a
  // date. Passing a JS Date instead would let xlsx-populate convert it in the server's local
  // zone, which can add a time of day or move the day.
  sheet.cell(cellMap.accountingDate).value(excelDateSerial(londonDate));
  sheet.cell(cellMap.journalName).value(journalName);
  sheet.cell(cellMap.journalDescription).value(journalName);
  // The one float in the money path: the cell must hold a number. Division of two exact
  // integers is correctly rounded, so 1234567 / 100 is the same double as the literal 12345.67
  // and is written back as "12345.67".
  const pounds = totalPence / 100;
  sheet.cell(cellMap.debit).value(pounds);
  sheet.cell(cellMap.credit).value(pounds);

  return workbook.outputAsync();
}

function ddmmyy({ year, month, day }: CalendarDate): string {
  const two = (n: number) => String(n % 100).padStart(2, "0");
  return `${two(day)}${two(month)}${two(year)}`;
}

export interface AdiJournalFileNameOptions {
  /** Configurable (docs/file-formats.md#template-name-and-retries). */
  prefix?: string;
}

/** `adi-journal_YYYYMMDD_HHmmss.<ext>`: UTC run start, and the template's own extension. */
export function adiJournalFileName(
  runStartedAt: Date,
  templateExtension: string,
  options: AdiJournalFileNameOptions = {},
): string {
  const { prefix = "adi-journal_" } = options;
  const extension = templateExtension.replace(/^\./, "");
  if (!/^[A-Za-z0-9]+$/.test(extension)) throw new Error(`not a file extension: ${templateExtension}`);
  return `${prefix}${utcFileTimestamp(runStartedAt)}.${extension}`;
}
