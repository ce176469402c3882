import { describe, expect, it } from "vitest";
import { classifyReturnFile } from "./classify-return-file";

const bytes = (text: string) => new TextEncoder().encode(text);
const codeLine = (reference = "7KQ2M9X-01", code = "K7QX2M9PLA4TZ") =>
  `12.50,,Ada,Lovelace,1 High Street,Leeds,West Yorkshire,England,LS1 1AA,2,,,${reference},,,,,,NOMS1086-LET-003,,,01 11 2026,${code}`;
const NEITHER =
  "neither a payment-code file (no header row, 23 columns) nor a reconciliation report (a header row naming Reference and Status)";

describe("classifyReturnFile", () => {
  it("a header row naming Reference and Status is a reconciliation report, whatever the case, spacing, order or other columns", () => {
    for (const header of [
      "Reference,Payment Code,Amount,Status,Status Date",
      "status date,STATUS,amount,payment code,reference",
      '"Reference","Payment  Code","Amount","Status","Status Date",Branch',
      " Reference , Status ",
    ]) {
      expect(classifyReturnFile(bytes(`${header}\n7KQ2M9X-01,K7QX2M9PLA4TZ,12.50,CASHED,20/11/2026\n`)), header).toEqual({
        kind: "PAYOUT_RECONCILIATION",
      });
    }
  });

  it("a report missing a column other than Reference and Status still goes to the reconciliation import, which names what is missing", () => {
    expect(classifyReturnFile(bytes("Reference,Status,Status Date\n"))).toEqual({ kind: "PAYOUT_RECONCILIATION" });
  });

  it("23 columns and no header is a payment-code file, with a BOM, CRLF, quotes or a single line without LF", () => {
    for (const text of [
      `${codeLine()}\n${codeLine("8ABCD23-01", "B8CD23EFGH456")}\n`,
      `\uFEFF${codeLine()}\r\n`,
      codeLine().replace("Ada", '"Ada"'),
      codeLine(),
    ]) {
      expect(classifyReturnFile(bytes(text))).toEqual({ kind: "PAYOUT_PAYMENT_CODES" });
    }
  });

  it("only the first line decides: a bad later line is the import's to report", () => {
    expect(classifyReturnFile(bytes(`${codeLine()}\nnot,a,code,line\n`))).toEqual({ kind: "PAYOUT_PAYMENT_CODES" });
  });

  it("refuses everything else with the reason", () => {
    const cases: [string, string | Uint8Array, string][] = [
      ["empty", "", "The file is empty."],
      ["blank first line", "\n" + codeLine(), `Line 1 is blank: ${NEITHER}.`],
      [
        "the payment file itself (22 columns)",
        codeLine().split(",").slice(0, 22).join(","),
        `Line 1 has 22 columns (the payment file's 22 columns: is the payment code missing?): ${NEITHER}.`,
      ],
      ["24 columns", `${codeLine()},extra`, `Line 1 has 24 columns: ${NEITHER}.`],
      ["one column", "12.50", `Line 1 has 1 column: ${NEITHER}.`],
      [
        "a header without Reference and Status",
        "Amount,Payment Code,Date\n",
        `Line 1 looks like a header row (it starts "Amount,Payment Code,Date") but names no Reference and Status columns: ${NEITHER}.`,
      ],
      [
        "a 23-column header",
        Array.from({ length: 23 }, (_, i) => `Field ${"ABCDEFGHIJKLMNOPQRSTUVW"[i]}`).join(","),
        `Line 1 looks like a header row (it starts "Field A,Field B,Field C") but names no Reference and Status columns: ${NEITHER}.`,
      ],
      ["broken quoting", '"12.50,a,b\n', `Line 1 has a quoted field with no closing quote: ${NEITHER}.`],
      ["a NUL byte", new Uint8Array([0x31, 0x00, 0x32, 0x0a]), `Line 1 is not UTF-8 text (a binary file?): ${NEITHER}.`],
      [
        "not UTF-8",
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]),
        `Line 1 is not UTF-8 text (a binary file?): ${NEITHER}.`,
      ],
      ["a first line over 4 KB", "x".repeat(4097), `Line 1 is longer than 4,096 bytes: ${NEITHER}.`],
    ];
    for (const [what, input, reason] of cases) {
      expect(classifyReturnFile(typeof input === "string" ? bytes(input) : input), what).toEqual({ kind: null, reason });
    }
  });
});
