import { describe, expect, it } from "vitest";
import { formatPence, parsePoundsToPence, poundsText } from "./money";

describe("formatPence", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [99, "£0.99"],
    [100, "£1.00"],
    [1240, "£12.40"],
    [123456, "£1,234.56"],
    [100000000, "£1,000,000.00"],
    [100000000000n, "£1,000,000,000.00"],
    [-5, "-£0.05"],
    [-150, "-£1.50"],
    [-123456, "-£1,234.56"],
    [-100000000000n, "-£1,000,000,000.00"],
  ] as const)("formats %s", (pence, expected) => {
    expect(formatPence(pence)).toBe(expected);
  });

  it("handles amounts beyond Number.MAX_SAFE_INTEGER exactly", () => {
    expect(formatPence(900719925474099312n)).toBe("£9,007,199,254,740,993.12");
  });

  it("treats -0 as zero", () => {
    expect(formatPence(-0)).toBe("£0.00");
  });

  it("rejects fractional pence", () => {
    expect(() => formatPence(1.5)).toThrow(RangeError);
  });
});

describe("parsePoundsToPence", () => {
  it.each([
    ["12", 1200],
    ["12.3", 1230],
    ["12.30", 1230],
    ["£1,234.56", 123456],
    ["0.1", 10],
    ["0.01", 1],
    ["0", 0],
    ["1,000", 100000],
    ["1,000,000.00", 100000000],
    [" 12.50 ", 1250],
    ["£ 7", 700],
    [".5", 50],
    ["0.29", 29],
    ["1.15", 115],
    ["4.35", 435],
  ] as const)("%j -> %i", (text, pence) => {
    expect(parsePoundsToPence(text)).toBe(pence);
  });

  it.each([
    "",
    " ",
    "£",
    ".",
    "12.",
    "1.005",
    "12.345",
    "-1",
    "-£1",
    "£-1",
    "+1",
    "12a",
    "abc",
    "1e3",
    "12,34",
    "1,0000",
    ",100",
    "1.2.3",
    "1 000",
    "12p",
    "$12",
    "99999999999999",
  ])("%j -> null", (text) => {
    expect(parsePoundsToPence(text)).toBeNull();
  });
});

describe("poundsText", () => {
  it.each([
    [0, "0.00"],
    [1, "0.01"],
    [10, "0.10"],
    [500, "5.00"],
    [12399, "123.99"],
    [1234567, "12345.67"],
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
  ])("%i pence -> %s", (pence, text) => {
    expect(poundsText(pence)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])("rejects %s", (pence) => {
    expect(() => poundsText(pence)).toThrow(RangeError);
  });
});
