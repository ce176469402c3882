import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SORT_CODE_SUBSTITUTIONS } from "../../lib/bank-details/modulus/substitution-table.ts";
import { VALACDOS_ROWS, VALACDOS_VERSION } from "../../lib/bank-details/modulus/weight-table.ts";
import {
  commentLines,
  renderSubstitutionTable,
  renderWeightTable,
  scsubtabPairs,
  sourceOf,
  valacdosRows,
} from "./modulus-tables.mts";

const MODULUS = path.join(import.meta.dirname, "../../lib/bank-details/modulus");
const committedRows = VALACDOS_ROWS.trim().split("\n");

// Lines of Pay.UK's valacdos.txt v8.50 exactly as published (fixed width, CRLF): a plain row, the
// two checks of a range with exceptions 12 and 13 and a negative weight, one-digit and two-digit
// exceptions, three-digit weights, and exception 5 (the one that uses the substitution table).
const PUBLISHED_VALACDOS = [
  "010004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1",
  "070116 070116 MOD11    0    0    7    6    5    8    9    4    5    6    7    8    9   -1  12",
  "070116 070116 MOD10    0    3    2    4    5    8    9    4    5    6    7    8    9   -1  13",
  "086090 086090 MOD10    0    0    3    7    1    3    7    1    3    7    1    3    7    1   8",
  "110000 119280 DBLAL    0    0    2    1    2    1    2    1    2    1    2    1    2    1   1",
  "180002 180002 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1  14",
  "877099 879999 MOD11    0    0    1    2    5    3    6    4    8    7   10    9    3    1  10",
  "877099 879999 MOD11    0    0    5   10    9    8    0    7    6    5    4    3    2    1  11",
  "900000 902396 MOD11    0    0    0    0    0    0  128   64   32   16    8    4    2    1",
  "900000 902396 MOD11   32   16    8    4    2    1    0    0    0    0    0    0    0    0",
  "938000 938696 MOD11    7    6    5    4    3    2    7    6    5    4    3    2    0    0   5",
  "938000 938696 DBLAL    2    1    2    1    2    1    2    1    2    1    2    1    2    0   5",
]
  .map((line) => `${line}\r\n`)
  .join("");

const PUBLISHED_SCSUBTAB = "938173 938017\r\n938600 938611\r\n938654 938621\r\n";

/** The rows between the backticks of a rendered weight table. */
function renderedRows(file: string): string[] {
  return file.slice(file.indexOf("`\n") + 2, file.lastIndexOf("\n`;")).split("\n");
}

/** The committed table laid out as Pay.UK publishes it: each weight in 5 columns, the exception in 4. */
function publishedLayout(rows: string[]): string {
  return rows
    .map((row) => {
      const [start, end, method, ...rest] = row.split(" ");
      const weights = rest.slice(0, 14).map((w) => w.padStart(5));
      const exception = rest.slice(14).map((e) => e.padStart(4));
      return `${start} ${end} ${method}${weights.join("")}${exception.join("")}\r\n`;
    })
    .join("");
}

describe("valacdos.txt to the weight table", () => {
  const file = renderWeightTable({ version: "8.50", source: "a sample", valacdos: PUBLISHED_VALACDOS });

  it("makes the same rows as the committed table, in the published order", () => {
    const rows = renderedRows(file);
    expect(rows).toHaveLength(12);
    const positions = rows.map((row) => committedRows.indexOf(row));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(rows[1]).toBe("070116 070116 MOD11 0 0 7 6 5 8 9 4 5 6 7 8 9 -1 12");
    expect(rows[8]).toBe("900000 902396 MOD11 0 0 0 0 0 0 128 64 32 16 8 4 2 1");
    // The two checks of a range stay adjacent, first check first.
    expect(positions[2]).toBe(positions[1] + 1);
    expect(positions[11]).toBe(positions[10] + 1);
  });

  it("writes the version and the source into the file", () => {
    expect(file).toContain('export const VALACDOS_VERSION = "8.50";');
    expect(sourceOf(file)).toBe("a sample");
  });

  it("reads LF files, a byte-order mark, blank lines and stray spaces the same way", () => {
    const untidy = `\uFEFF\n${PUBLISHED_VALACDOS.replace(/\r\n/g, "  \n\n")}`;
    expect(valacdosRows(untidy)).toEqual(valacdosRows(PUBLISHED_VALACDOS));
  });

  it.each([
    ["a short row", "010004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2"],
    ["an unknown method", "010004 016715 MOD12    0    0    0    0    0    0    8    7    6    5    4    3    2    1"],
    ["a five-digit sort code", "01004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1"],
    ["a range the wrong way round", "016715 010004 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1"],
    [
      "a weight that is not a number",
      "010004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    x",
    ],
    ["two exceptions", "010004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1   1   2"],
  ])("refuses %s, naming the line", (_, line) => {
    expect(() => valacdosRows(`${PUBLISHED_VALACDOS}${line}\r\n`)).toThrow(/line 13 is not a weight table row/);
  });

  it("refuses an empty file and a version that is not one", () => {
    expect(() => valacdosRows("\r\n")).toThrow(/no rows/);
    expect(() => renderWeightTable({ version: "latest", source: "x", valacdos: PUBLISHED_VALACDOS })).toThrow(/version/);
    expect(() => renderWeightTable({ version: "8.50", source: " ", valacdos: PUBLISHED_VALACDOS })).toThrow(/source/);
  });
});

describe("scsubtab.txt to the substitution table", () => {
  it("makes the committed substitutions", () => {
    const pairs = scsubtabPairs(PUBLISHED_SCSUBTAB);
    expect(pairs).toEqual([
      ["938173", "938017"],
      ["938600", "938611"],
      ["938654", "938621"],
    ]);
    for (const [from, to] of pairs) expect(SORT_CODE_SUBSTITUTIONS[from]).toBe(to);
    const file = renderSubstitutionTable({ version: "8.50", source: "a sample", scsubtab: PUBLISHED_SCSUBTAB });
    expect(file).toContain('  "938600": "938611",\n');
  });

  it("refuses a bad line or a sort code given twice", () => {
    expect(() => scsubtabPairs("938173 938017\r\n938289\r\n")).toThrow(/line 2 is not two sort codes/);
    expect(() => scsubtabPairs("938173 938017\r\n938173 938068\r\n")).toThrow(/line 2 repeats sort code 938173/);
    expect(() => scsubtabPairs("")).toThrow(/no substitutions/);
  });
});

describe("the committed tables", () => {
  // Byte for byte: nobody has edited them by hand, and the script still makes them.
  it("are exactly what the script makes from the published files", () => {
    const weightFile = readFileSync(path.join(MODULUS, "weight-table.ts"), "utf8");
    const valacdos = publishedLayout(committedRows);
    // The size of Pay.UK's valacdos.txt v8.50 (1,151 rows, CRLF): the layout above is the published one.
    expect(valacdos).toHaveLength(107189);
    expect(renderWeightTable({ version: VALACDOS_VERSION, source: sourceOf(weightFile), valacdos })).toBe(weightFile);

    const substitutionFile = readFileSync(path.join(MODULUS, "substitution-table.ts"), "utf8");
    const scsubtab = Object.entries(SORT_CODE_SUBSTITUTIONS)
      .map(([from, to]) => `${from} ${to}\r\n`)
      .join("");
    expect(renderSubstitutionTable({ version: VALACDOS_VERSION, source: sourceOf(substitutionFile), scsubtab })).toBe(
      substitutionFile,
    );
  });
});

describe("commentLines", () => {
  it("wraps between words at 100 characters", () => {
    const lines = commentLines(`Source: ${"word ".repeat(50)}`);
    expect(lines.every((l) => l.startsWith("// ") && l.length <= 100)).toBe(true);
    expect(lines.join(" ").replace(/\/\/ /g, "")).toBe(`Source: ${"word ".repeat(50).trim()}`);
  });
});
