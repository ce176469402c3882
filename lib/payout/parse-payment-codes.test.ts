import { describe, expect, it } from "vitest";

import { parsePaymentCodes } from "./parse-payment-codes";

const line = (amount: string, reference: string, code: string) =>
  [amount, "", "Tom", "Swann", "1 High Street", "Leeds", "", "United Kingdom", "LS1 1AA", "2", "", "", reference]
    .concat(["", "", "", "", "", "NOMS1086-LET-003", "", "", "14 03 2026", code])
    .join(",");

describe("parsePaymentCodes", () => {
  it("reads the amount, the reference and the code, trimmed", () => {
    expect(parsePaymentCodes(line(" 12.50", " 7KQ2M9X-01 ", "K7QX2M9PLA4TZ ") + "\n")).toEqual({
      rows: [{ lineNo: 1, amountPence: 1250, reference: "7KQ2M9X-01", code: "K7QX2M9PLA4TZ" }],
      errors: [],
    });
  });

  it("reports every problem of a line in one message, the duplicate included", () => {
    const text = [line("12.50", "7KQ2M9X-01", "K7QX2M9PLA4TZ"), line("-1", "", "K7QX2M9PLA4TZ")].join("\n");
    expect(parsePaymentCodes(text).errors).toEqual([
      { lineNo: 1, message: 'Line 1: payment code "K7QX2M9PLA4TZ" is also on line 2' },
      {
        lineNo: 2,
        message:
          'Line 2: amount "-1" must be greater than zero; reference (column 13) is empty; payment code "K7QX2M9PLA4TZ" is also on line 1',
      },
    ]);
  });

  it("names every other line a duplicate is on, and compares references ignoring case", () => {
    const text = [
      line("12.50", "7KQ2M9X-01", "AAAAAAAAAAAA1"),
      line("12.50", "7kq2m9x-01", "AAAAAAAAAAAA2"),
      line("12.50", "7KQ2M9X-01", "AAAAAAAAAAAA3"),
    ].join("\n");
    expect(parsePaymentCodes(text).errors.map((e) => e.message)).toEqual([
      'Line 1: reference "7KQ2M9X-01" is also on lines 2 and 3',
      'Line 2: reference "7kq2m9x-01" is also on lines 1 and 3',
      'Line 3: reference "7KQ2M9X-01" is also on lines 1 and 2',
    ]);
  });

  it("does not take a first line with an amount for a header", () => {
    expect(parsePaymentCodes("12.50,Tom\n").errors).toEqual([{ lineNo: 1, message: "Line 1 has 2 columns; expected 23" }]);
  });
});
