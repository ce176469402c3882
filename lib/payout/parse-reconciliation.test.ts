import { describe, expect, it } from "vitest";

import { parseReconciliation, parseStatusDate } from "./parse-reconciliation";

describe("parseStatusDate", () => {
  it.each([
    ["20/11/2026", "2026-11-20"],
    ["2026-11-20", "2026-11-20"],
    ["29/02/2028", "2028-02-29"],
    ["01/01/2026", "2026-01-01"],
  ])("%s -> %s", (text, iso) => {
    expect(parseStatusDate(text)).toEqual({ iso, problem: null });
  });

  it.each<[string, string]>([
    ["", "status date is empty"],
    ["29/02/2027", 'status date "29/02/2027" is not a real date'],
    ["2026-02-30", 'status date "2026-02-30" is not a real date'],
    ["00/11/2026", 'status date "00/11/2026" is not a real date'],
    ["1/3/2026", 'status date "1/3/2026" is not a date like 20/11/2026 or 2026-11-20'],
    ["20/11/26", 'status date "20/11/26" is not a date like 20/11/2026 or 2026-11-20'],
    ["2026/11/20", 'status date "2026/11/20" is not a date like 20/11/2026 or 2026-11-20'],
    ["2026-11-20T10:00", 'status date "2026-11-20T10:00" is not a date like 20/11/2026 or 2026-11-20'],
  ])("refuses %j", (text, problem) => {
    expect(parseStatusDate(text)).toEqual({ iso: null, problem });
  });
});

describe("parseReconciliation", () => {
  const ROW = "7KQ2M9X-01,K7QX2M9PLA4TZ,12.50,CASHED,20/11/2026";

  it("matches header names ignoring case and extra spaces", () => {
    const parsed = parseReconciliation(` reference ,PAYMENT  CODE,Amount,status,Status Date\n${ROW}\n`);
    expect(parsed).toEqual({
      rows: [
        {
          lineNo: 2,
          reference: "7KQ2M9X-01",
          code: "K7QX2M9PLA4TZ",
          amountPence: 1250,
          status: "CASHED",
          statusDate: "2026-11-20",
          statusDateText: "20/11/2026",
        },
      ],
      errors: [],
    });
  });

  it("reports every problem of a row in one message", () => {
    const parsed = parseReconciliation(`Reference,Payment Code,Amount,Status,Status Date\n,ABC,0,PAID,31/04/2026\n`);
    expect(parsed.errors).toEqual([
      {
        lineNo: 2,
        message:
          'Line 2: reference is empty; payment code "ABC" has 3 characters, not 13; amount "0" must be greater than zero; status "PAID" is not one of CASHED, EXPIRED, CANCELLED; status date "31/04/2026" is not a real date',
      },
    ]);
  });

  it("names the broken first line instead of guessing a header", () => {
    expect(parseReconciliation(`"Reference,Payment Code\n${ROW}\n`).errors).toEqual([
      { lineNo: 1, message: "Line 1 has a quoted field with no closing quote" },
    ]);
  });
});
