import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import XlsxPopulate from "xlsx-populate";
import { beforeAll, describe, expect, it } from "vitest";

import { adiJournalFileName, DEFAULT_ADI_CELL_MAP, fillAdiJournal } from "./fill-adi-journal";
import {
  attribute,
  cellAddresses,
  cellElement,
  contentTypeOf,
  definedNames,
  elements,
  openPackage,
  partBytes,
  partNames,
  partText,
  sheetPartPath,
  sheetStates,
} from "./ooxml-parts.test-helper";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const DEMO_TEMPLATE = path.join(repoRoot, "templates", "adi-journal-demo.xlsx");
const REAL_TEMPLATE = path.resolve(repoRoot, "../shared/fixtures/apvs-adi-journal-template.xlsm");

// 23:30 UTC on 6 July 2021 is 00:30 BST on 7 July: the London date, not the UTC one, must win.
const RUN_STARTED_AT = new Date("2021-07-06T23:30:00Z");
const SERIAL_7_JULY_2021 = 44384;
const JOURNAL_NAME = "578/APVU/070721/EB";
const TOTAL_PENCE = 1234567;

const CHANGED_CELLS = ["E12", "E14", "E15", "J19", "K20"];

describe("fillAdiJournal with the demo template", () => {
  let template: Buffer;
  let output: Buffer;

  beforeAll(async () => {
    template = readFileSync(DEMO_TEMPLATE);
    output = await fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence: TOTAL_PENCE });
  });

  it("writes the London date into E12 as a whole-day date serial with a date format", async () => {
    const sheet = (await XlsxPopulate.fromDataAsync(output)).sheet("WebADI")!;
    const e12 = sheet.cell("E12");
    expect(e12.value()).toBe(SERIAL_7_JULY_2021);
    expect(e12.style("numberFormat")).toBe("dd-mmm-yyyy");
    // numberToDate works in local time, so read the calendar day back in local time too.
    const date = XlsxPopulate.numberToDate(e12.value() as number);
    expect([date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours()]).toEqual([2021, 7, 7, 0]);
  });

  it("writes the journal name into E14 and E15 and leaves E13 alone", async () => {
    const sheet = (await XlsxPopulate.fromDataAsync(output)).sheet("WebADI")!;
    const before = (await XlsxPopulate.fromDataAsync(template)).sheet("WebADI")!;
    expect(sheet.cell("E14").value()).toBe(JOURNAL_NAME);
    expect(sheet.cell("E15").value()).toBe(JOURNAL_NAME);
    expect(sheet.cell("E13").value()).toEqual(before.cell("E13").value());
  });

  it("writes debit and credit as equal numbers, total / 100, not text", async () => {
    const sheet = (await XlsxPopulate.fromDataAsync(output)).sheet("WebADI")!;
    expect(sheet.cell("J19").value()).toBe(12345.67);
    expect(sheet.cell("K20").value()).toBe(12345.67);
    const xml = await partText(await openPackage(output), "xl/worksheets/sheet1.xml");
    for (const address of ["J19", "K20"]) {
      const cell = cellElement(xml, address)!;
      expect(attribute(cell, "t")).toBeUndefined();
      expect(cell).toContain("<v>12345.67</v>");
    }
  });

  it("writes exact pounds for large totals", async () => {
    const big = await fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence: 999_999_999_999 });
    const xml = await partText(await openPackage(big), "xl/worksheets/sheet1.xml");
    expect(cellElement(xml, "J19")).toContain("<v>9999999999.99</v>");
  });

  it("does not depend on the server's time zone", async () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ["America/Los_Angeles", "Pacific/Kiritimati", "Europe/London"]) {
        process.env.TZ = zone;
        const filled = await fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence: TOTAL_PENCE });
        const xml = await partText(await openPackage(filled), "xl/worksheets/sheet1.xml");
        expect(cellElement(xml, "E12"), zone).toContain(`<v>${SERIAL_7_JULY_2021}</v>`);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("takes another cell map and journal name pattern", async () => {
    const filled = await fillAdiJournal({
      template,
      runStartedAt: new Date("2022-01-31T12:00:00Z"),
      totalPence: 5,
      cellMap: { ...DEFAULT_ADI_CELL_MAP, debit: "J20", credit: "K19", journalDescription: "E16" },
      journalNamePattern: "578/MTP/{DDMMYY}",
    });
    const sheet = (await XlsxPopulate.fromDataAsync(filled)).sheet("WebADI")!;
    expect(sheet.cell("E14").value()).toBe("578/MTP/310122");
    expect(sheet.cell("E16").value()).toBe("578/MTP/310122");
    expect(sheet.cell("J20").value()).toBe(0.05);
    expect(sheet.cell("K19").value()).toBe(0.05);
    expect(sheet.cell("J19").value()).toBeUndefined();
  });

  it.each([0, -100, 12.5, Number.NaN])("refuses a total of %s pence", async (totalPence) => {
    await expect(fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence })).rejects.toThrow(
      /positive whole number of pence/,
    );
  });

  it("names a missing sheet and a pattern without the date", async () => {
    await expect(
      fillAdiJournal({
        template,
        runStartedAt: RUN_STARTED_AT,
        totalPence: 1,
        cellMap: { ...DEFAULT_ADI_CELL_MAP, sheet: "Nope" },
      }),
    ).rejects.toThrow(/no sheet named Nope/);
    await expect(
      fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence: 1, journalNamePattern: "578/APVU" }),
    ).rejects.toThrow(/must contain \{DDMMYY\}/);
  });
});

describe("adiJournalFileName", () => {
  it("uses the UTC run start and the template's extension", () => {
    expect(adiJournalFileName(RUN_STARTED_AT, ".xlsm")).toBe("adi-journal_20210706_233000.xlsm");
    expect(adiJournalFileName(RUN_STARTED_AT, "xlsx")).toBe("adi-journal_20210706_233000.xlsx");
    expect(adiJournalFileName(RUN_STARTED_AT, "xlsx", { prefix: "journal-" })).toBe("journal-20210706_233000.xlsx");
  });

  it("rejects something that is not an extension", () => {
    expect(() => adiJournalFileName(RUN_STARTED_AT, "../x")).toThrow(/not a file extension/);
  });
});

const HAS_REAL_TEMPLATE = existsSync(REAL_TEMPLATE);

// Where a fixture is missing, the skipped block's title is the message the run shows.
describe.skipIf(!HAS_REAL_TEMPLATE)(
  HAS_REAL_TEMPLATE
    ? "fillAdiJournal with the real WebADI template"
    : "../shared/fixtures/apvs-adi-journal-template.xlsm not found: real-template tests skipped",
  () => {
    let template: Buffer;
    let output: Buffer;
    let before: Awaited<ReturnType<typeof openPackage>>;
    let after: Awaited<ReturnType<typeof openPackage>>;

    beforeAll(async () => {
      template = readFileSync(REAL_TEMPLATE);
      output = await fillAdiJournal({ template, runStartedAt: RUN_STARTED_AT, totalPence: TOTAL_PENCE });
      before = await openPackage(template);
      after = await openPackage(output);
    });

    it("keeps the VBA project byte for byte", async () => {
      expect((await partBytes(after, "xl/vbaProject.bin")).equals(await partBytes(before, "xl/vbaProject.bin"))).toBe(true);
    });

    it("keeps the custom ribbon parts, and the package relationships that load them, byte for byte", async () => {
      const customUi = partNames(before).filter((name) => /(^|\/)customui/i.test(name));
      expect(customUi).toContain("customUI/customUI.xml");
      for (const name of [...customUi, "_rels/.rels"]) {
        expect((await partBytes(after, name)).equals(await partBytes(before, name)), name).toBe(true);
      }
    });

    it("keeps every part except the calculation chain, which Excel rebuilds", () => {
      expect(partNames(after)).toEqual(partNames(before).filter((name) => name !== "xl/calcChain.xml"));
    });

    it("keeps all defined names", async () => {
      const names = definedNames(await partText(before, "xl/workbook.xml"));
      expect(names).toHaveLength(36);
      expect(definedNames(await partText(after, "xl/workbook.xml"))).toEqual(names);
    });

    it("keeps the very-hidden sheets very hidden", async () => {
      const states = sheetStates(await partText(before, "xl/workbook.xml"));
      expect(states.filter((s) => s.endsWith("|veryHidden"))).toHaveLength(3);
      expect(sheetStates(await partText(after, "xl/workbook.xml"))).toEqual(states);
    });

    it("keeps the macro-enabled content type and the link to the VBA project", async () => {
      const types = await partText(after, "[Content_Types].xml");
      expect(contentTypeOf(types, "/xl/workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
      expect(contentTypeOf(types, "/xl/vbaProject.bin")).toBe("application/vnd.ms-office.vbaProject");
      const rels = elements(await partText(after, "xl/_rels/workbook.xml.rels"), "Relationship");
      expect(rels.some((el) => attribute(el, "Target") === "vbaProject.bin")).toBe(true);
    });

    it("keeps the style table by content", async () => {
      const styles = async (zip: typeof before) => {
        const xml = await partText(zip, "xl/styles.xml");
        return { numFmts: elements(xml, "numFmt"), xfs: elements(xml, "xf").length, fonts: elements(xml, "font").length };
      };
      expect(await styles(after)).toEqual(await styles(before));
    });

    it("writes the mapped cells with the right value, type and the template's own style", async () => {
      const part = await sheetPartPath(after, "WebADI");
      const [xml, templateXml] = [await partText(after, part), await partText(before, part)];
      const cell = (address: string) => cellElement(xml, address)!;

      expect(cell("E12")).toContain(`<v>${SERIAL_7_JULY_2021}</v>`);
      expect(attribute(cell("E12"), "t")).toBeUndefined();
      for (const address of ["J19", "K20"]) {
        expect(cell(address)).toContain("<v>12345.67</v>");
        expect(attribute(cell(address), "t")).toBeUndefined();
      }
      for (const address of [...CHANGED_CELLS, "E13"]) {
        expect(attribute(cell(address), "s"), address).toBe(attribute(cellElement(templateXml, address)!, "s"));
      }

      const sheet = (await XlsxPopulate.fromDataAsync(output)).sheet("WebADI")!;
      expect(sheet.cell("E12").value()).toBe(SERIAL_7_JULY_2021);
      expect(sheet.cell("E12").style("numberFormat")).toBe("dd\\-mmm\\-yyyy");
      expect(sheet.cell("E14").value()).toBe(JOURNAL_NAME);
      expect(sheet.cell("E15").value()).toBe(JOURNAL_NAME);
      expect(sheet.cell("J19").value()).toBe(12345.67);
      expect(sheet.cell("K20").value()).toBe(12345.67);
    });

    it("leaves every other cell of every sheet as it was: value or formula, and number format", async () => {
      const [was, now] = [await XlsxPopulate.fromDataAsync(template), await XlsxPopulate.fromDataAsync(output)];
      let compared = 0;
      for (const sheet of was.sheets()) {
        const xml = await partText(before, await sheetPartPath(before, sheet.name()));
        for (const address of cellAddresses(xml)) {
          if (sheet.name() === "WebADI" && CHANGED_CELLS.includes(address)) continue;
          const [a, b] = [sheet.cell(address), now.sheet(sheet.name())!.cell(address)];
          // A formula's cached result is dropped on save (Excel recalculates), so compare the formula.
          const describe = (c: typeof a) => [c.formula() ?? c.value(), c.style("numberFormat")];
          expect(describe(b), `${sheet.name()}!${address}`).toEqual(describe(a));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  },
);

// Opening a filled journal in LibreOffice needs LibreOffice itself, so that check is an integration
// test: tests/direct-payments/adi-journal-libreoffice.test.ts.
