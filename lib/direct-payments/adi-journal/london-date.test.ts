import { describe, expect, it } from "vitest";

import { excelDateSerial, londonCalendarDate } from "./london-date";

describe("londonCalendarDate", () => {
  it.each([
    ["2021-07-06T23:30:00Z", { year: 2021, month: 7, day: 7 }], // BST: already the 7th in London
    ["2021-07-07T22:59:59Z", { year: 2021, month: 7, day: 7 }],
    ["2021-12-31T23:59:59Z", { year: 2021, month: 12, day: 31 }], // GMT: same as UTC
    ["2022-01-01T00:00:00Z", { year: 2022, month: 1, day: 1 }],
    ["2021-03-28T00:30:00Z", { year: 2021, month: 3, day: 28 }], // the night the clocks go forward
    ["2021-10-30T23:30:00Z", { year: 2021, month: 10, day: 31 }], // the night they go back
  ])("%s is %o in London", (iso, expected) => {
    expect(londonCalendarDate(new Date(iso))).toEqual(expected);
  });

  it("rejects an invalid date", () => {
    expect(() => londonCalendarDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("excelDateSerial", () => {
  it.each([
    [{ year: 1900, month: 3, day: 1 }, 61],
    [{ year: 1970, month: 1, day: 1 }, 25569],
    [{ year: 2021, month: 7, day: 7 }, 44384],
  ])("%o -> %i", (date, serial) => {
    expect(excelDateSerial(date)).toBe(serial);
  });
});
