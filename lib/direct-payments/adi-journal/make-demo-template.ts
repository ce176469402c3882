// Builds templates/adi-journal-demo.xlsx: a plain workbook with the real WebADI template's sheet
// name and cell map, because a macro-enabled .xlsm cannot be authored without Excel
// (docs/file-formats.md#adi-journal). Production points ADI_TEMPLATE_PATH at SSCL's real template.
//
// Regenerate (from the repo root) with:
//   npx tsx -e 'import { writeFileSync } from "node:fs";
//     import { makeDemoAdiTemplate } from "./lib/direct-payments/adi-journal/make-demo-template.ts";
//     makeDemoAdiTemplate().then((b) => writeFileSync("templates/adi-journal-demo.xlsx", b));'

import XlsxPopulate from "xlsx-populate";

/** Label and header cells, shared with the test that checks the committed file. */
export const DEMO_TEMPLATE_TEXT: Readonly<Record<string, string>> = {
  B2: "Journal upload (demo template: production uses SSCL's WebADI workbook)",
  D12: "Accounting Date",
  D13: "Period",
  D14: "Journal Name",
  D15: "Description",
  E14: "578/APVU/DDMMYY",
  J18: "Debit",
  K18: "Credit",
  I29: "Totals:",
};

export async function makeDemoAdiTemplate(): Promise<Buffer> {
  const workbook = await XlsxPopulate.fromBlankAsync();
  const sheet = workbook.sheet(0);
  if (!sheet) throw new Error("a blank workbook has a first sheet");
  sheet.name("WebADI");

  for (const [address, text] of Object.entries(DEMO_TEMPLATE_TEXT)) sheet.cell(address).value(text);
  // The filler writes a serial number, so the format is what makes E12 read as a date.
  sheet.cell("E12").style("numberFormat", "dd-mmm-yyyy");
  sheet.cell("J19").style("numberFormat", "#,##0.00");
  sheet.cell("K20").style("numberFormat", "#,##0.00");
  // Totals as in the real template, so a filled demo journal balances on screen.
  sheet.cell("J29").formula("SUM(J19:J28)").style("numberFormat", "#,##0.00");
  sheet.cell("K29").formula("SUM(K19:K28)").style("numberFormat", "#,##0.00");
  sheet.column("D").width(18);
  sheet.column("E").width(22);

  return workbook.outputAsync();
}
