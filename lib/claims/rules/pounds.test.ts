import { describe, expect, it } from "vitest";
import { formatPence, parsePoundsToPence } from "./pounds";

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

describe("formatPence", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [1240, "£12.40"],
    [123456, "£1,234.56"],
    [100000000, "£1,000,000.00"],
    [-150, "-£1.50"],
  ] as const)("%i -> %s", (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it("refuses fractions of a penny", () => {
    expect(() => formatPence(1.5)).toThrow();
  });
});
