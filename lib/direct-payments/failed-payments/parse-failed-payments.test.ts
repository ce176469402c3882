import { describe, expect, it } from "vitest";
import { FILE_LEVEL, parseAmountPence, parseFailedPayments, parseFailedPaymentsFile } from "./parse-failed-payments";

const ROW = "010203,12345678,Tom Swann,12.50,7KQ2M9X-01";

describe("parseFailedPayments", () => {
  it("reads a five-column row", () => {
    expect(parseFailedPayments(`${ROW}\n`)).toEqual({
      rows: [
        {
          lineNo: 1,
          sortCode: "010203",
          accountNumber: "12345678",
          name: "Tom Swann",
          amountPence: 1250,
          reference: "7KQ2M9X-01",
          reason: null,
        },
      ],
      errors: [],
    });
  });

  it("reads the reason column, trims fields, and treats an empty reason as none", () => {
    const { rows, errors } = parseFailedPayments(
      ` 010203 , 12345678 ,Tom Swann, 12.50 , 7KQ2M9X-01 , Account closed \n${ROW},  \n`,
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.sortCode, r.amountPence, r.reference, r.reason])).toEqual([
      ["010203", 1250, "7KQ2M9X-01", "Account closed"],
      ["010203", 1250, "7KQ2M9X-01", null],
    ]);
  });

  it.each([
    ["", "The file is empty"],
    ["\uFEFF", "The file is empty"],
    ["\r\n\n   \n", "The file is empty"],
    ["a\u0000b", "binary"],
    ["Zo\uFFFD", "binary"],
  ])("refuses the whole file for %j", (text, message) => {
    const { rows, errors } = parseFailedPayments(text);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].lineNo).toBe(FILE_LEVEL);
    expect(errors[0].message).toContain(message);
  });

  it.each([
    ["Sort code,Account number,Name,Amount,Reference"],
    ["sort_code,account_no,payee,amount,ref,reason"],
    ["SORTCODE,ACCOUNT,NAME,AMOUNT"], // a header with the wrong column count is still called a header
  ])("calls line 1 a header: %s", (header) => {
    const { rows, errors } = parseFailedPayments(`${header}\n${ROW}\n`);
    expect(errors).toEqual([{ lineNo: 1, message: expect.stringMatching(/^Line 1 looks like a header row \(/) }]);
    expect(rows.map((r) => r.lineNo)).toEqual([2]);
  });

  it("does not take a mistyped data row for a header", () => {
    const { errors } = parseFailedPayments("O1O2O3,12345678,Tom,12.50,REF\n");
    expect(errors[0].message).toMatch(/^Line 1: sort code "O1O2O3" must be exactly 6 digits/);
  });

  it("does not look for a header after line 1", () => {
    const { errors } = parseFailedPayments(`${ROW}\nSort code,Account number,Name,Amount,Reference\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Line 2: sort code "Sort code"/);
  });

  it.each([
    ["010203,12345678,Tom", "Line 1 has 3 columns; expected 5 or 6"],
    ["010203", "Line 1 has 1 column; expected 5 or 6"],
    ["010203,12345678,Tom,1.00,REF,reason,extra", "Line 1 has 7 columns; expected 5 or 6"],
  ])("counts columns: %s", (text, message) => {
    expect(parseFailedPayments(text).errors).toEqual([{ lineNo: 1, message }]);
  });

  it("lists every problem on a line in one message", () => {
    expect(parseFailedPayments(`${ROW}\n01020,1234567,Tom,0,\n`).errors).toEqual([
      {
        lineNo: 2,
        message:
          'Line 2: sort code "01020" must be exactly 6 digits, no dashes or spaces (a spreadsheet may have dropped leading zeros); ' +
          'account number "1234567" must be exactly 8 digits (a spreadsheet may have dropped leading zeros); ' +
          'amount "0" must be greater than zero; reference is empty',
      },
    ]);
  });

  it("gives each line its own outcome, numbered as in the file", () => {
    const { rows, errors } = parseFailedPayments(`${ROW}\r\nbad\r\n${ROW}\r\n\r\n`);
    expect(rows.map((r) => r.lineNo)).toEqual([1, 3]);
    expect(errors.map((e) => e.lineNo)).toEqual([2]);
  });
});

describe("parseFailedPaymentsFile", () => {
  it("decodes UTF-8 bytes with a BOM", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${ROW},Zoë’s bank said no\r\n`);
    expect(parseFailedPaymentsFile(bytes).rows[0].reason).toBe("Zoë’s bank said no");
  });
  it("refuses bytes that are not UTF-8", () => {
    expect(parseFailedPaymentsFile(new Uint8Array([0x30, 0xeb, 0x0a])).errors).toEqual([
      { lineNo: FILE_LEVEL, message: expect.stringMatching(/not UTF-8/) },
    ]);
  });
});

describe("parseAmountPence", () => {
  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12.50", 1250],
    ["0.01", 1],
    ["0012.30", 1230],
    ["123456.78", 12345678],
  ])("%s is %i pence", (amount, pence) => {
    expect(parseAmountPence(amount)).toBe(pence);
  });

  it.each([
    ["", /is empty/],
    ["12.345", /more than two decimal places/],
    ["0.001", /more than two decimal places/],
    ["0", /greater than zero/],
    ["0.00", /greater than zero/],
    ["-12.00", /greater than zero/],
    ["-.5", /greater than zero/],
    ["£12.50", /not a number/],
    ["1,234.00", /not a number/],
    ["12.", /not a number/],
    [".5", /not a number/],
    ["1e3", /not a number/],
    ["12 50", /not a number/],
    ["999999999999999999999", /too large/],
  ])("refuses %j", (amount, message) => {
    expect(parseAmountPence(amount)).toMatch(message);
  });
});
