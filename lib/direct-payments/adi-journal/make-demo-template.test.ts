import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import XlsxPopulate from "xlsx-populate";
import { describe, expect, it } from "vitest";

import { DEMO_TEMPLATE_TEXT, makeDemoAdiTemplate } from "./make-demo-template";

const COMMITTED = fileURLToPath(new URL("../../../templates/adi-journal-demo.xlsx", import.meta.url));
const COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

type Workbook = Awaited<ReturnType<typeof XlsxPopulate.fromDataAsync>>;

/** Every cell of A1:Z40 as value, formula and number format: the content, not the bytes. */
function contents(workbook: Workbook): unknown[] {
  const sheet = workbook.sheet("WebADI")!;
  const cells: unknown[] = [];
  for (let row = 1; row <= 40; row++) {
    for (const column of COLUMNS) {
      const cell = sheet.cell(`${column}${row}`);
      cells.push([`${column}${row}`, cell.value(), cell.formula(), cell.style("numberFormat")]);
    }
  }
  return cells;
}

describe("templates/adi-journal-demo.xlsx", () => {
  it("matches what makeDemoAdiTemplate builds (regenerate it if this fails)", async () => {
    const committed = await XlsxPopulate.fromDataAsync(readFileSync(COMMITTED));
    const fresh = await XlsxPopulate.fromDataAsync(await makeDemoAdiTemplate());
    expect(committed.sheets().map((s) => s.name())).toEqual(["WebADI"]);
    expect(contents(committed)).toEqual(contents(fresh));
  });

  it("has the labels, headers and the date format the cell map relies on", async () => {
    const sheet = (await XlsxPopulate.fromDataAsync(readFileSync(COMMITTED))).sheet("WebADI")!;
    for (const [address, text] of Object.entries(DEMO_TEMPLATE_TEXT)) expect(sheet.cell(address).value()).toBe(text);
    expect(sheet.cell("D12").value()).toBe("Accounting Date");
    expect(sheet.cell("J18").value()).toBe("Debit");
    expect(sheet.cell("K18").value()).toBe("Credit");
    expect(sheet.cell("E12").style("numberFormat")).toBe("dd-mmm-yyyy");
  });
});
