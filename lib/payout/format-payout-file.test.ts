import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { DEFAULT_LETTER_TEMPLATE_CODE, formatPayoutFile, payoutFileName, type PayoutPaymentInput } from "./format-payout-file";

const GOLDEN = fileURLToPath(new URL("./fixtures/golden-payout.csv", import.meta.url));

function payment(
  n: string,
  paymentReference: string,
  amountPence: number,
  name: [first: string, last: string],
  address: [line1: string, town: string, county: string | null, country: string, postcode: string],
  eventDate: string,
  letterTemplateCode = DEFAULT_LETTER_TEMPLATE_CODE,
): PayoutPaymentInput {
  const [firstName, lastName] = name;
  const [addressLine1, town, county, country, postcode] = address;
  return {
    paymentId: `pay-${n}`,
    paymentReference,
    amountPence,
    firstName,
    lastName,
    addressLine1,
    town,
    county,
    country,
    postcode,
    letterTemplateCode,
    eventDate,
  };
}

// Each payment is reasoned out against docs/file-formats.md#payout-payment-file in the comment beside
// it; the golden file was written by hand from these comments, not from the function's output.
// Columns: 1 amount, 2 blank, 3-4 name, 5-8 address, 9 postcode, 10 "2", 11-12 blank, 13 reference,
// 14-18 blank, 19 letter template code, 20-21 blank, 22 event date as DD MM YYYY.
const GOLDEN_PAYMENTS: PayoutPaymentInput[] = [
  // Already clean: written as-is. 12399p -> 123.99; 2026-03-14 -> "14 03 2026".
  payment(
    "01",
    "7KQ2M9X-01",
    12399,
    ["Tom", "Swann"],
    ["1 High Street", "Leeds", "West Yorkshire", "United Kingdom", "LS1 1AA"],
    "2026-03-14",
  ),
  // á -> a; O'Shea -> OShea (apostrophe dropped); the comma in the address is dropped (no quoting is
  // ever needed); "Co. Down" keeps its full stop. 1p -> 0.01. Three warnings.
  payment(
    "02",
    "3HJ8P2W-01",
    1,
    ["Siobhán", "O'Shea"],
    ["Flat 2, 10 Main Road", "Newry", "Co. Down", "United Kingdom", "BT34 1AB"],
    "2026-01-05",
  ),
  // ë -> e twice (hyphen kept), ñ -> n; county blank stays an empty column 7; "bs14dj" -> "BS1 4DJ".
  // 123450p -> 1234.50 (two decimals, no separator). Four warnings.
  payment(
    "03",
    "9TR4C6D-02",
    123450,
    ["Zoë", "Brontë-Smith"],
    ["12 Cañon Close", "Bristol", "", "England", "bs14dj"],
    "2026-02-28",
  ),
  // Cyrillic letters have no ASCII form: both name parts are empty after cleaning. Left out.
  payment(
    "04",
    "4DF6G8H-01",
    7500,
    ["Иван", "Петров"],
    ["5 Mill Lane", "Manchester", null, "United Kingdom", "M1 1AE"],
    "2026-03-01",
  ),
  // "12345" has no UK postcode shape. Left out.
  payment("05", "8CV2T5R-01", 4200, ["Ann", "Lee"], ["7 Park Row", "Leeds", null, "United Kingdom", "12345"], "2026-03-02"),
  // A cycle payment: reference with the period, the plan's own letter code, the period's first day.
  // D'Arcy -> DArcy; "=1+2" loses = and + (no formula can reach a spreadsheet), leaving "12"; the
  // town's spaces collapse, then go at both ends; county null -> empty column; "al1  3jj" -> "AL1 3JJ".
  // 100000p -> 1000.00. Four warnings.
  payment(
    "06",
    "6JK3L7M-202611",
    100000,
    ["Mary-Jane", "D'Arcy-Evans"],
    ["=1+2 Acacia Avenue", "  St. Albans  ", null, "United Kingdom", "al1  3jj"],
    "2026-11-01",
    "NOMS1086-LET-004",
  ),
  // Only symbols in address line 1: empty after cleaning. Left out (its postcode warning is not kept).
  payment("07", "7WX4Y2Z-01", 1000, ["Raj", "Patel"], ["***", "London", null, "United Kingdom", "sw1a 1aa"], "2026-03-03"),
  // Ł and ś transliterated; the middle dot and apostrophe dropped, and the two spaces left collapse.
  // 2550p -> 25.50. Three warnings.
  payment(
    "08",
    "1NP5R8S-01",
    2550,
    ["Łukasz", "Wiśniewski"],
    ["Flat 3 · 22 Queen's Road", "Liverpool", "Merseyside", "UK", "L1 8JQ"],
    "2026-12-31",
  ),
  // A last name of digits only, and no postcode: both problems in the detail, the name's first.
  payment("09", "9AB3CD4-01", 1000, ["Ann", "123"], ["1 Station Road", "York", null, "United Kingdom", ""], "2026-03-04"),
];

describe("formatPayoutFile: golden file", () => {
  const file = formatPayoutFile(GOLDEN_PAYMENTS);

  it("writes the golden file byte for byte", () => {
    expect(Buffer.from(file.text, "ascii").equals(readFileSync(GOLDEN))).toBe(true);
    expect(file.text).toBe(readFileSync(GOLDEN, "ascii"));
  });

  it("is ASCII with LF endings, no header or trailer, 22 columns and a final newline", () => {
    expect(file.text).toMatch(/^[\x20-\x7E\n]+$/);
    expect(file.text).not.toContain("\r");
    expect(file.text.endsWith("\n")).toBe(true);
    const rows = file.text.slice(0, -1).split("\n");
    expect(rows.every((row) => row.split(",").length === 22)).toBe(true);
    expect(rows.every((row) => row.split(",")[9] === "2")).toBe(true);
  });

  it("leaves out and flags empty or invalid names, empty addresses and bad postcodes", () => {
    expect(file.excluded).toEqual([
      {
        paymentId: "pay-04",
        paymentReference: "4DF6G8H-01",
        reason: "NAME_EMPTY_AFTER_CLEANING",
        detail:
          "first name is empty after cleaning (removed characters: И в а н); last name is empty after cleaning (removed characters: П е т р о в)",
      },
      {
        paymentId: "pay-05",
        paymentReference: "8CV2T5R-01",
        reason: "INVALID_POSTCODE",
        detail: 'postcode "12345" is not a UK postcode (like SW1A 1AA)',
      },
      {
        paymentId: "pay-07",
        paymentReference: "7WX4Y2Z-01",
        reason: "ADDRESS_EMPTY_AFTER_CLEANING",
        detail: "address line 1 is empty after cleaning (removed characters: *)",
      },
      {
        paymentId: "pay-09",
        paymentReference: "9AB3CD4-01",
        reason: "NAME_EMPTY_AFTER_CLEANING",
        detail: 'last name has no letters after cleaning ("123"); postcode is empty',
      },
    ]);
  });

  it("records every change as a warning with the field, before and after", () => {
    const w = (n: string, ref: string, field: string, before: string, after: string, changes: string[]) => ({
      paymentId: `pay-${n}`,
      paymentReference: ref,
      field,
      before,
      after,
      changes,
    });
    const spacing = "set one space before the last three characters";
    expect(file.warnings).toEqual([
      w("02", "3HJ8P2W-01", "firstName", "Siobhán", "Siobhan", ["transliterated 'Siobhán' to 'Siobhan'"]),
      w("02", "3HJ8P2W-01", "lastName", "O'Shea", "OShea", ["removed characters: '"]),
      w("02", "3HJ8P2W-01", "addressLine1", "Flat 2, 10 Main Road", "Flat 2 10 Main Road", ["removed characters: ,"]),
      w("03", "9TR4C6D-02", "firstName", "Zoë", "Zoe", ["transliterated 'Zoë' to 'Zoe'"]),
      w("03", "9TR4C6D-02", "lastName", "Brontë-Smith", "Bronte-Smith", ["transliterated 'Brontë-Smith' to 'Bronte-Smith'"]),
      w("03", "9TR4C6D-02", "addressLine1", "12 Cañon Close", "12 Canon Close", [
        "transliterated '12 Cañon Close' to '12 Canon Close'",
      ]),
      w("03", "9TR4C6D-02", "postcode", "bs14dj", "BS1 4DJ", ["upper-cased", spacing]),
      w("06", "6JK3L7M-202611", "lastName", "D'Arcy-Evans", "DArcy-Evans", ["removed characters: '"]),
      w("06", "6JK3L7M-202611", "addressLine1", "=1+2 Acacia Avenue", "12 Acacia Avenue", ["removed characters: = +"]),
      w("06", "6JK3L7M-202611", "town", "  St. Albans  ", "St. Albans", [
        "collapsed repeated spaces",
        "removed leading spaces",
        "removed trailing spaces",
      ]),
      w("06", "6JK3L7M-202611", "postcode", "al1  3jj", "AL1 3JJ", ["upper-cased", spacing]),
      w("08", "1NP5R8S-01", "firstName", "Łukasz", "Lukasz", ["transliterated 'Łukasz' to 'Lukasz'"]),
      w("08", "1NP5R8S-01", "lastName", "Wiśniewski", "Wisniewski", ["transliterated 'Wiśniewski' to 'Wisniewski'"]),
      w("08", "1NP5R8S-01", "addressLine1", "Flat 3 · 22 Queen's Road", "Flat 3 22 Queens Road", [
        "removed characters: · '",
        "collapsed repeated spaces",
      ]),
    ]);
  });

  it("returns the stored line records, totals and count", () => {
    expect(file.lines).toEqual([
      { paymentId: "pay-01", lineNo: 1, paymentReference: "7KQ2M9X-01", amountPence: 12399 },
      { paymentId: "pay-02", lineNo: 2, paymentReference: "3HJ8P2W-01", amountPence: 1 },
      { paymentId: "pay-03", lineNo: 3, paymentReference: "9TR4C6D-02", amountPence: 123450 },
      { paymentId: "pay-06", lineNo: 4, paymentReference: "6JK3L7M-202611", amountPence: 100000 },
      { paymentId: "pay-08", lineNo: 5, paymentReference: "1NP5R8S-01", amountPence: 2550 },
    ]);
    // 123.99 + 0.01 + 1234.50 + 1000.00 + 25.50
    expect(file.totalPence).toBe(238400);
    expect(file.lineCount).toBe(5);
  });

  it("gives the same bytes for the same payments (a retried batch is byte-identical)", () => {
    expect(formatPayoutFile(GOLDEN_PAYMENTS.map((p) => ({ ...p }))).text).toBe(file.text);
  });
});

describe("formatPayoutFile: names", () => {
  const ok = GOLDEN_PAYMENTS[0];
  it.each<[string, string, string, string | null]>([
    ["keeps a one-letter initial", "J", "Swann", null],
    ["keeps a name with digits as long as it has a letter", "Tom2", "Swann", null],
    [
      "refuses a first name of punctuation only",
      "--",
      "Swann",
      "first name is empty after cleaning (removed leading characters: '--')",
    ],
    [
      "refuses a last name of spaces only",
      "Tom",
      "   ",
      "last name is empty after cleaning (collapsed repeated spaces; removed leading spaces)",
    ],
    ["refuses a last name of digits only", "Tom", "007", 'last name has no letters after cleaning ("007")'],
  ])("%s", (_what, firstName, lastName, detail) => {
    const file = formatPayoutFile([{ ...ok, firstName, lastName }]);
    if (detail === null) expect(file.excluded).toEqual([]);
    else
      expect(file.excluded).toEqual([
        { paymentId: "pay-01", paymentReference: "7KQ2M9X-01", reason: "NAME_EMPTY_AFTER_CLEANING", detail },
      ]);
  });

  it("lets a blank town, county and country through as empty columns", () => {
    const file = formatPayoutFile([{ ...ok, town: "", county: "  ", country: "" }]);
    expect(file.text.split(",").slice(5, 8)).toEqual(["", "", ""]);
  });
});

describe("formatPayoutFile: bugs fail loudly", () => {
  const ok = GOLDEN_PAYMENTS[0];

  it.each([0, -1, 1.5, Number.NaN])("throws on amount %s", (amountPence) => {
    expect(() => formatPayoutFile([{ ...ok, amountPence }])).toThrow(/positive whole number of pence/);
  });

  it("throws on a payment given twice, or a reference given twice", () => {
    expect(() => formatPayoutFile([ok, ok])).toThrow(/given twice/);
    expect(() => formatPayoutFile([ok, { ...ok, paymentId: "other", paymentReference: "7kq2m9x-01" }])).toThrow(
      /reference 7kq2m9x-01 given twice/,
    );
  });

  it.each(["7KQ2M9X 01", "", "-7KQ2M9X", "7KQ2M9X,01"])(
    "throws on reference %j rather than cleaning the key",
    (paymentReference) => {
      expect(() => formatPayoutFile([{ ...ok, paymentReference }])).toThrow(/not file-safe/);
    },
  );

  it.each(["NOMS1086,LET", "", "NOMS1086 ", "'NOMS'"])("throws on letter template code %j", (letterTemplateCode) => {
    expect(() => formatPayoutFile([{ ...ok, letterTemplateCode }])).toThrow(/letter template code/);
  });

  it.each(["14/03/2026", "2026-02-30", ""])("throws on event date %j", (eventDate) => {
    expect(() => formatPayoutFile([{ ...ok, eventDate }])).toThrow(/event date/);
  });

  it("writes an empty file for no payments", () => {
    expect(formatPayoutFile([])).toEqual({ text: "", lines: [], excluded: [], warnings: [], totalPence: 0, lineCount: 0 });
  });
});

describe("payoutFileName", () => {
  it("is {prefix}{DDMMYYYY}_{NNN}{suffix}.csv", () => {
    expect(payoutFileName({ prefix: "APVS_", suffix: "_PAYOUT", londonDate: "2026-07-07", sequence: 1 })).toBe(
      "APVS_07072026_001_PAYOUT.csv",
    );
    expect(payoutFileName({ prefix: "", suffix: "", londonDate: "2026-12-31", sequence: 42 })).toBe("31122026_042.csv");
    expect(payoutFileName({ prefix: "P", suffix: "", londonDate: "2027-01-01", sequence: 999 })).toBe("P01012027_999.csv");
  });

  it.each([0, 1000, 1.5])("refuses sequence %s", (sequence) => {
    expect(() => payoutFileName({ prefix: "", suffix: "", londonDate: "2026-07-07", sequence })).toThrow(RangeError);
  });

  it("refuses a date that is not YYYY-MM-DD, and a prefix or suffix that is not file-name safe", () => {
    expect(() => payoutFileName({ prefix: "", suffix: "", londonDate: "07/07/2026", sequence: 1 })).toThrow(RangeError);
    expect(() => payoutFileName({ prefix: "../", suffix: "", londonDate: "2026-07-07", sequence: 1 })).toThrow(/prefix/);
    expect(() => payoutFileName({ prefix: "", suffix: " x", londonDate: "2026-07-07", sequence: 1 })).toThrow(/suffix/);
  });
});
