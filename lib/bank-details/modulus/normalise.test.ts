import { describe, expect, it } from "vitest";

import { isBacsRollNumber, normaliseAccountNumber, normaliseSortCode } from "./normalise";

describe("normaliseSortCode", () => {
  it.each([
    ["12-34-56", "123456"],
    ["12 34 56", "123456"],
    [" 12-34 56 ", "123456"],
    ["123456", "123456"],
    ["12.34.56", "12.34.56"],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseSortCode(input)).toBe(expected);
  });
});

describe("normaliseAccountNumber", () => {
  it.each([
    ["6637 4958", "66374958"],
    ["6637-4958", "66374958"],
    ["66374958", "66374958"],
    ["6637a958", "6637a958"],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseAccountNumber(input)).toBe(expected);
  });
});

describe("isBacsRollNumber", () => {
  it.each(["A", "123/456-7", "ROLL NO. 12&3", "ABCDEFGHIJKLMNOPQR"])("accepts %j", (s) => {
    expect(isBacsRollNumber(s)).toBe(true);
  });

  it.each(["", "ABCDEFGHIJKLMNOPQRS", "12_34", "12#34", "ROLL\n1", "Ä1"])("rejects %j", (s) => {
    expect(isBacsRollNumber(s)).toBe(false);
  });
});
