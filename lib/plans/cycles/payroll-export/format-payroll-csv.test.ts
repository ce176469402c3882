import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { breakdownText, csvPounds, payrollCsvHeader, payrollCsvLines, type PayrollCsvRow } from "./format-payroll-csv";

const GOLDEN = path.join(import.meta.dirname, "fixtures/golden-payroll.csv");

const ROWS: PayrollCsvRow[] = [
  {
    paymentId: "0b6a3c1e-2d4f-4a5b-8c6d-7e8f9a0b1c2d",
    reference: "7KQ2M9X-202611",
    personReference: "7KQ2M9X",
    personName: "Ada Lovelace",
    method: "BANK",
    pointName: "North depot",
    status: "DRAFT",
    holdReason: null,
    amountPence: 7000,
    lines: [
      { kind: "BASE", label: "Base amount", amountPence: 5000, carriedFromReference: null },
      { kind: "CONDITIONAL", label: "Large household", amountPence: 2000, carriedFromReference: null },
    ],
  },
  {
    paymentId: "1c7b4d2f-3e5a-4b6c-9d7e-8f9a0b1c2d3e",
    reference: "8LR3N4Y-202611",
    personReference: "8LR3N4Y",
    personName: '=HYPERLINK("http://x.test") O\'Neil, "Jr"',
    method: "CASH",
    pointName: "+Point, south",
    status: "NEW",
    holdReason: "PAYMENT_METHOD_CHANGE_PENDING",
    amountPence: 8000,
    lines: [
      { kind: "BASE", label: "@SUM(1)", amountPence: 5000, carriedFromReference: null },
      {
        kind: "CARRIED_OVER",
        label: "Carried over from an unpaid earlier payment",
        amountPence: 3000,
        carriedFromReference: "8LR3N4Y-202610",
      },
    ],
  },
  {
    paymentId: "2d8c5e3a-4f6b-4c7d-8e9f-9a0b1c2d3e4f",
    reference: "9MS4P5Z-202611",
    personReference: "9MS4P5Z",
    personName: "-Zoë Ångström",
    method: "BANK",
    pointName: null,
    status: "SUSPENDED",
    holdReason: null,
    amountPence: 150_000,
    lines: [
      { kind: "BASE", label: "Base amount", amountPence: 100_000, carriedFromReference: null },
      { kind: "CONDITIONAL", label: "Disability", amountPence: 90_000, carriedFromReference: null },
      { kind: "CEILING", label: "Ceiling", amountPence: -40_000, carriedFromReference: null },
    ],
  },
];

describe("the payroll CSV", () => {
  it("is byte for byte the golden file", () => {
    const text = payrollCsvHeader() + payrollCsvLines(ROWS);
    expect(Buffer.from(text, "utf8").equals(readFileSync(GOLDEN))).toBe(true);
  });

  it("puts a quote before every cell a spreadsheet would take for a formula", () => {
    const line = payrollCsvLines([ROWS[1]]);
    expect(line).toContain(`"'=HYPERLINK(""http://x.test"") O'Neil, ""Jr"""`);
    expect(line).toContain(`"'+Point, south"`);
    expect(line).toContain(`"'@SUM(1) 50.00; Carried over`);
    expect(payrollCsvLines([ROWS[2]])).toContain(`,"'-Zoë Ångström",`);
  });

  it("writes pounds exactly, negatives included", () => {
    expect([csvPounds(0), csvPounds(5), csvPounds(-40_000), csvPounds(123_456_789)]).toEqual([
      "0.00",
      "0.05",
      "-400.00",
      "1234567.89",
    ]);
    expect(() => csvPounds(1.5)).toThrow(RangeError);
    expect(breakdownText([])).toBe("");
  });
});
