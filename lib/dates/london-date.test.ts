import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  compareIsoDates,
  dayOfWeek,
  isBefore,
  isIsoDate,
  isOnOrAfter,
  londonDate,
  londonDayStart,
  longDate,
} from "./london-date";

describe("londonDate", () => {
  it.each([
    // GMT (winter): London date = UTC date.
    ["2026-01-15T00:00:00Z", "2026-01-15"],
    ["2026-01-15T23:30:00Z", "2026-01-15"],
    // BST (summer): from 23:00 UTC it is already tomorrow in London.
    ["2026-06-10T22:59:59Z", "2026-06-10"],
    ["2026-06-10T23:00:00Z", "2026-06-11"],
    ["2026-06-10T23:30:00Z", "2026-06-11"],
    // Clocks go forward 2026-03-29 01:00 UTC; back 2026-10-25 01:00 UTC.
    ["2026-03-28T23:59:59Z", "2026-03-28"],
    ["2026-03-29T23:00:00Z", "2026-03-30"],
    ["2026-10-24T23:00:00Z", "2026-10-25"],
    ["2026-10-25T23:00:00Z", "2026-10-25"],
    // Year end.
    ["2026-12-31T23:59:59Z", "2026-12-31"],
    ["2027-01-01T00:00:00Z", "2027-01-01"],
  ])("%s is %s in London", (instant, expected) => {
    expect(londonDate(new Date(instant))).toBe(expected);
  });

  it("refuses an invalid Date", () => {
    expect(() => londonDate(new Date("nope"))).toThrow(RangeError);
  });
});

describe("ISO date helpers", () => {
  it.each([
    ["2026-12-25", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-1-01", false],
    ["25/12/2026", false],
    ["2026-12-25T00:00:00Z", false],
    ["", false],
  ])("isIsoDate(%j) is %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("compares dates", () => {
    expect(compareIsoDates("2026-12-24", "2026-12-25")).toBe(-1);
    expect(compareIsoDates("2026-12-25", "2026-12-25")).toBe(0);
    expect(compareIsoDates("2027-01-01", "2026-12-31")).toBe(1);
    expect(isBefore("2026-12-24", "2026-12-25")).toBe(true);
    expect(isOnOrAfter("2026-12-25", "2026-12-25")).toBe(true);
    expect(isOnOrAfter("2026-12-24", "2026-12-25")).toBe(false);
    expect(() => compareIsoDates("2026-12-24", "tomorrow")).toThrow(RangeError);
  });

  it("adds calendar days across months, years and leap days", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
    // Across the clocks changing: still whole days.
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(() => addCalendarDays("2026-03-01", 0.5)).toThrow(RangeError);
  });

  it("knows the day of the week", () => {
    expect(dayOfWeek("2026-12-25")).toBe(5); // Friday
    expect(dayOfWeek("2026-12-26")).toBe(6); // Saturday
    expect(dayOfWeek("2026-12-27")).toBe(0); // Sunday
  });
});

describe("londonDayStart", () => {
  it("is midnight UTC in winter and 23:00 UTC the day before in summer", () => {
    expect(londonDayStart("2026-11-22").toISOString()).toBe("2026-11-22T00:00:00.000Z");
    expect(londonDayStart("2026-06-10").toISOString()).toBe("2026-06-09T23:00:00.000Z");
  });
  it("handles the days the clocks change", () => {
    // Clocks go forward at 01:00 UTC on 2026-03-29 and back at 01:00 UTC on 2026-10-25.
    expect(londonDayStart("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(londonDayStart("2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(londonDayStart("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(londonDayStart("2026-10-26").toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });
  it("is the first instant whose London date is that date", () => {
    for (const d of ["2026-01-01", "2026-03-29", "2026-07-04", "2026-10-25", "2026-12-31"]) {
      const start = londonDayStart(d);
      expect(londonDate(start)).toBe(d);
      expect(londonDate(new Date(start.getTime() - 1))).toBe(addCalendarDays(d, -1));
    }
  });
});

describe("longDate", () => {
  it("writes dates the way PostgreSQL's to_char(…, 'FMDD FMMonth YYYY') does", () => {
    expect([longDate("2026-01-01"), longDate("2026-12-31"), longDate("2027-05-09"), longDate("2027-03-12")]).toEqual([
      "1 January 2026",
      "31 December 2026",
      "9 May 2027",
      "12 March 2027",
    ]);
  });
  it("refuses what is not a date", () => {
    expect(() => longDate("2026-02-30")).toThrow(RangeError);
  });
});
