import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import type { BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";

import { accessPayFileName, formatAccessPay, type AccessPayInput } from "./format-accesspay";
import { parsePence, prng, randomPaymentSet } from "./random-payment-sets.test-helper";

const GOLDEN = fileURLToPath(new URL("./fixtures/golden-accesspay.csv", import.meta.url));

function bank(
  sortCode: string,
  accountNumber: string,
  nameOnAccount: string,
  rollNumber: string | null = null,
): BankDetailsPlain {
  return { sortCode, accountNumber, nameOnAccount, rollNumber };
}

// Each payment is reasoned out against docs/file-formats.md#accesspay-csv in the comment beside
// it; the golden file was written by hand from these comments, not from the function's output.
const GOLDEN_PAYMENTS: AccessPayInput[] = [
  // Already clean: written as-is. 12399p -> 123.99.
  { paymentId: "pay-01", paymentReference: "7KQ2M9X-01", amountPence: 12399, bank: bank("089999", "66374958", "Tom Swann") },
  // á -> a, then the apostrophe is dropped. 500p -> 5.00.
  { paymentId: "pay-02", paymentReference: "3HJ8P2W-01", amountPence: 500, bank: bank("107999", "88837491", "Siobhán O'Brien") },
  // ë -> e twice, hyphen kept. 1p -> 0.01.
  { paymentId: "pay-03", paymentReference: "9TR4C6D-02", amountPence: 1, bank: bank("202959", "63748472", "Zoë Brontë-Smith") },
  // Building society: the roll number replaces the payment reference. & is a Bacs character.
  {
    paymentId: "pay-04",
    paymentReference: "5MW7N3K-01",
    amountPence: 100000,
    bank: bank("871427", "46238510", "Mr & Mrs J Smith", "ROLL/1234.567-A"),
  },
  // 29 characters: the 18-character cut ends on the space after "Jones", which the trim removes.
  {
    paymentId: "pay-05",
    paymentReference: "2BX9Q4L-01",
    amountPence: 1234567,
    bank: bank("820000", "73688637", "Bartholomew Jones Worthington"),
  },
  // Fails the modulus check (Pay.UK published case 29): left out, never in the file.
  { paymentId: "pay-06", paymentReference: "8CV2T5R-01", amountPence: 4200, bank: bank("089999", "66374959", "Ann Bad-Modulus") },
  // Only symbols: nothing survives cleaning, so left out and flagged.
  { paymentId: "pay-07", paymentReference: "4DF6G8H-01", amountPence: 7500, bank: bank("134020", "63849203", "!!! ***") },
  // Formula injection: = ( ) dropped, the two leading spaces collapse to one, then go.
  { paymentId: "pay-08", paymentReference: "6JK3L7M-03", amountPence: 99999, bank: bank("118765", "64371389", "  =SUM(A1)") },
  // Ł and ś transliterated; the roll number is cleaned like the name (spaces collapsed, " -" dropped).
  {
    paymentId: "pay-09",
    paymentReference: "1NP5R8S-01",
    amountPence: 250,
    bank: bank("938611", "07806039", "Łukasz Wiśniewski", "  -12  34/AB"),
  },
  // An apostrophe is not a Bacs character: the roll number itself is invalid bank details.
  {
    paymentId: "pay-10",
    paymentReference: "7WX4Y2Z-01",
    amountPence: 1000,
    bank: bank("086090", "06774744", "Ann Lee", "ROLL'NO"),
  },
  // A sort code stored with dashes is not 6 digits.
  { paymentId: "pay-11", paymentReference: "9AB3CD4-01", amountPence: 1000, bank: bank("08-99-99", "66374958", "Ann Lee") },
];

describe("formatAccessPay: golden file", () => {
  const file = formatAccessPay(GOLDEN_PAYMENTS);

  it("writes the golden file byte for byte", () => {
    expect(Buffer.from(file.text, "ascii").equals(readFileSync(GOLDEN))).toBe(true);
    expect(file.text).toBe(readFileSync(GOLDEN, "ascii"));
  });

  it("is ASCII with LF endings, no header or trailer, and a final newline", () => {
    expect(file.text).toMatch(/^[\x20-\x7E\n]+$/);
    expect(file.text).not.toContain("\r");
    expect(file.text.endsWith("\n")).toBe(true);
    expect(
      file.text
        .split("\n")
        .slice(0, -1)
        .every((l) => l.split(",").length === 5),
    ).toBe(true);
  });

  it("leaves out and flags bad bank details and empty names", () => {
    expect(file.excluded).toEqual([
      { paymentId: "pay-06", reason: "BAD_BANK_DETAILS", detail: "sort code and account number fail the UK modulus check" },
      {
        paymentId: "pay-07",
        reason: "NAME_EMPTY_AFTER_CLEANING",
        detail: "name on account is empty after cleaning: removed characters: ! *; removed leading spaces",
      },
      { paymentId: "pay-10", reason: "BAD_BANK_DETAILS", detail: "roll number is not 1 to 18 Bacs characters" },
      { paymentId: "pay-11", reason: "BAD_BANK_DETAILS", detail: "sort code is not exactly 6 digits" },
    ]);
  });

  it("records every change as a warning", () => {
    expect(file.warnings).toEqual([
      {
        paymentId: "pay-02",
        paymentReference: "3HJ8P2W-01",
        field: "name",
        changes: ["transliterated 'Siobhán O'Brien' to 'Siobhan O'Brien'", "removed characters: '"],
      },
      {
        paymentId: "pay-03",
        paymentReference: "9TR4C6D-02",
        field: "name",
        changes: ["transliterated 'Zoë Brontë-Smith' to 'Zoe Bronte-Smith'"],
      },
      {
        paymentId: "pay-05",
        paymentReference: "2BX9Q4L-01",
        field: "name",
        changes: ["cut to 18 characters", "removed trailing spaces"],
      },
      {
        paymentId: "pay-08",
        paymentReference: "6JK3L7M-03",
        field: "name",
        changes: ["removed characters: = ( )", "collapsed repeated spaces", "removed leading spaces"],
      },
      {
        paymentId: "pay-09",
        paymentReference: "1NP5R8S-01",
        field: "name",
        changes: ["transliterated 'Łukasz Wiśniewski' to 'Lukasz Wisniewski'"],
      },
      {
        paymentId: "pay-09",
        paymentReference: "1NP5R8S-01",
        field: "reference",
        changes: ["collapsed repeated spaces", "removed leading characters: ' -'"],
      },
    ]);
  });

  it("returns the stored line records, totals and count", () => {
    expect(file.lines.map((l) => [l.lineNo, l.paymentId, l.fileReference, l.amountPence])).toEqual([
      [1, "pay-01", "7KQ2M9X-01", 12399],
      [2, "pay-02", "3HJ8P2W-01", 500],
      [3, "pay-03", "9TR4C6D-02", 1],
      [4, "pay-04", "ROLL/1234.567-A", 100000],
      [5, "pay-05", "2BX9Q4L-01", 1234567],
      [6, "pay-08", "6JK3L7M-03", 99999],
      [7, "pay-09", "12 34/AB", 250],
    ]);
    // The bank details paid to are kept as given, for the encrypted per-line record.
    expect(file.lines[3].bank).toBe(GOLDEN_PAYMENTS[3].bank);
    expect(file.totalPence).toBe(1447716);
    expect(file.lineCount).toBe(7);
  });
});

describe("formatAccessPay: bugs fail loudly", () => {
  const ok = GOLDEN_PAYMENTS[0];

  it.each([0, -1, 1.5, Number.NaN])("throws on amount %s", (amountPence) => {
    expect(() => formatAccessPay([{ ...ok, amountPence }])).toThrow(/positive whole number of pence/);
  });

  it("throws on a payment given twice", () => {
    expect(() => formatAccessPay([ok, ok])).toThrow(/given twice/);
  });

  it("throws on a payment reference that cleans to nothing", () => {
    expect(() => formatAccessPay([{ ...ok, paymentReference: "''" }])).toThrow(/empty after cleaning/);
  });

  it("writes an empty file for no payments", () => {
    expect(formatAccessPay([])).toEqual({ text: "", lines: [], excluded: [], warnings: [], totalPence: 0, lineCount: 0 });
  });
});

describe("formatAccessPay: roll numbers", () => {
  it("treats a blank roll number as none", () => {
    const file = formatAccessPay([{ ...GOLDEN_PAYMENTS[0], bank: { ...GOLDEN_PAYMENTS[0].bank, rollNumber: "  " } }]);
    expect(file.lines[0].fileReference).toBe("7KQ2M9X-01");
  });

  it("flags a roll number with no letters or digits", () => {
    const file = formatAccessPay([{ ...GOLDEN_PAYMENTS[0], bank: { ...GOLDEN_PAYMENTS[0].bank, rollNumber: "-/." } }]);
    expect(file.excluded).toEqual([
      { paymentId: "pay-01", reason: "BAD_BANK_DETAILS", detail: "roll number has no letters or digits" },
    ]);
  });
});

describe("accessPayFileName", () => {
  it("uses the UTC run start", () => {
    expect(accessPayFileName(new Date("2021-07-07T23:30:05Z"))).toBe("accesspay_20210707_233005.csv");
  });

  it("takes a configured prefix", () => {
    expect(accessPayFileName(new Date("2021-01-02T03:04:05Z"), { prefix: "APVS_" })).toBe("APVS_20210102_030405.csv");
  });
});

describe("formatAccessPay: properties over 200 random payment sets", () => {
  it("keeps the file, its records and its total in agreement", () => {
    const random = prng(42);
    let linesSeen = 0;
    let excludedSeen = 0;
    for (let set = 0; set < 200; set++) {
      const inputs = randomPaymentSet(random, set);

      const file = formatAccessPay(inputs);
      const rows = file.text === "" ? [] : file.text.slice(0, -1).split("\n");
      const excludedIds = new Set(file.excluded.map((e) => e.paymentId));
      const included = inputs.filter((p) => !excludedIds.has(p.paymentId));

      expect(rows.length).toBe(file.lines.length);
      expect(file.lineCount).toBe(file.lines.length);
      expect(file.excluded.length + file.lines.length).toBe(inputs.length);
      expect(file.lines.map((l) => l.paymentId)).toEqual(included.map((p) => p.paymentId));

      linesSeen += file.lines.length;
      excludedSeen += file.excluded.length;

      const fileTotal = rows.reduce((sum, row) => sum + parsePence(row.split(",")[3]), 0);
      const includedTotal = included.reduce((sum, p) => sum + p.amountPence, 0);
      expect(fileTotal).toBe(file.totalPence);
      expect(file.totalPence).toBe(includedTotal);

      rows.forEach((row, i) => {
        const line = file.lines[i];
        expect(line.lineNo).toBe(i + 1);
        expect(row).toBe(
          [line.bank.sortCode, line.bank.accountNumber, line.payeeName, row.split(",")[3], line.fileReference].join(","),
        );
        expect(parsePence(row.split(",")[3])).toBe(line.amountPence);
        expect(row).toMatch(/^\d{6},\d{8},[A-Za-z0-9][A-Za-z0-9 .&/-]{0,17},\d+\.\d{2},[A-Za-z0-9][A-Za-z0-9 .&/-]{0,17}$/);
      });
    }
    // The generator must exercise both paths, or the properties above prove little.
    expect(linesSeen).toBeGreaterThan(1000);
    expect(excludedSeen).toBeGreaterThan(1000);
  });
});
