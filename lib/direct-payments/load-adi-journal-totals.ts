import { DEFAULT_ADI_CELL_MAP, type AdiCellMap } from "./adi-journal/fill-adi-journal";

/**
 * The debit and credit as the workbook itself holds them, read back from its bytes, so the totals
 * check covers the exact file that is stored (a freshly filled one, or the one an earlier attempt
 * of the run stored and the retry reuses).
 */
export async function loadAdiJournalTotals(
  workbook: Buffer,
  cellMap: AdiCellMap = DEFAULT_ADI_CELL_MAP,
): Promise<{ debitPounds: number; creditPounds: number }> {
  // Loaded on use, as in fillAdiJournal: the run imports this module long before its journal step.
  const { default: XlsxPopulate } = await import("xlsx-populate");
  const book = await XlsxPopulate.fromDataAsync(workbook);
  const sheet = book.sheet(cellMap.sheet);
  if (!sheet) throw new Error(`ADI journal has no sheet named ${cellMap.sheet}`);
  const number = (address: string) => {
    const value = sheet.cell(address).value();
    if (typeof value !== "number")
      throw new Error(`ADI journal cell ${cellMap.sheet}!${address} is not a number: ${JSON.stringify(value)}`);
    return value;
  };
  return { debitPounds: number(cellMap.debit), creditPounds: number(cellMap.credit) };
}
