import { describe, expect, it } from "vitest";
import { SHIPPED_BANK_HOLIDAYS, holidaySet } from "./bank-holidays";
import { londonDate } from "../dates/london-date";
import { mulberry32 } from "../random/mulberry32";
import {
  addWorkingDays,
  isPaidNoFailureReported,
  isWorkingDay,
  latestPaidDownloadDate,
  paidFromDate,
  workingDaysBetween,
} from "./working-days";

const holidays = holidaySet(SHIPPED_BANK_HOLIDAYS);
const none: ReadonlySet<string> = new Set();

describe("isWorkingDay", () => {
  it.each([
    ["2026-06-08", true], // Monday
    ["2026-06-12", true], // Friday
    ["2026-06-13", false], // Saturday
    ["2026-06-14", false], // Sunday
    ["2026-12-25", false], // Christmas Day (Friday)
    ["2026-12-28", false], // Boxing Day substitute (Monday)
    ["2027-03-26", false], // Good Friday
    ["2027-03-29", false], // Easter Monday
  ])("%s -> %s", (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });
});

describe("addWorkingDays", () => {
  it.each([
    ["2026-06-08", 0, "2026-06-08"], // 0: unchanged
    ["2026-06-13", 0, "2026-06-13"], // 0: unchanged even on a Saturday
    ["2026-06-08", 1, "2026-06-09"],
    ["2026-06-12", 1, "2026-06-15"], // Friday + 1 = Monday
    ["2026-06-13", 1, "2026-06-15"], // Saturday + 1 = Monday
    ["2026-06-14", 1, "2026-06-15"], // Sunday + 1 = Monday
    ["2026-06-08", 5, "2026-06-15"], // a plain week
    ["2026-06-13", 5, "2026-06-19"], // from a Saturday
    ["2026-12-18", 5, "2026-12-29"], // over Christmas Day and the Boxing Day substitute
    ["2026-12-23", 5, "2027-01-04"], // over Christmas and New Year
    ["2026-12-25", 1, "2026-12-29"], // from a bank holiday
    ["2027-03-25", 5, "2027-04-05"], // over Easter 2027
    ["2027-03-26", 1, "2027-03-30"], // from Good Friday
  ])("%s + %i working days = %s", (from, days, expected) => {
    expect(addWorkingDays(from, days, holidays)).toBe(expected);
  });

  it("ignores bank holidays it was not given", () => {
    expect(addWorkingDays("2027-03-25", 5, none)).toBe("2027-04-01");
  });

  it("refuses bad arguments", () => {
    expect(() => addWorkingDays("2026-02-30", 1, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-06-08", -1, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-06-08", 1.5, holidays)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days after the start, up to and including the end", () => {
    expect(workingDaysBetween("2026-06-08", "2026-06-08", holidays)).toBe(0);
    expect(workingDaysBetween("2026-06-12", "2026-06-15", holidays)).toBe(1);
    expect(workingDaysBetween("2026-12-18", "2026-12-29", holidays)).toBe(5);
    expect(workingDaysBetween("2026-12-29", "2026-12-18", holidays)).toBe(-5);
    expect(workingDaysBetween("2026-12-24", "2026-12-28", holidays)).toBe(0);
  });

  it("is the inverse of addWorkingDays over the 2026-27 holidays", () => {
    for (let day = 0; day < 400; day += 3) {
      const from = new Date(Date.UTC(2026, 10, 1 + day)).toISOString().slice(0, 10);
      for (const n of [0, 1, 5, 12]) {
        expect(workingDaysBetween(from, addWorkingDays(from, n, holidays), holidays)).toBe(n);
      }
    }
  });
});

describe("isPaidNoFailureReported (day 0 = London date of first download; PAID from day0 + 5 working days)", () => {
  const paid = (firstDownloadedAt: string, now: string) =>
    isPaidNoFailureReported({ firstDownloadedAt: new Date(firstDownloadedAt), now: new Date(now), holidays });

  it("a plain week: downloaded Monday, paid from the next Monday (London midnight, BST)", () => {
    expect(paidFromDate(new Date("2026-06-08T09:00:00Z"), holidays)).toBe("2026-06-15");
    expect(paid("2026-06-08T09:00:00Z", "2026-06-12T12:00:00Z")).toBe(false);
    expect(paid("2026-06-08T09:00:00Z", "2026-06-14T22:59:59Z")).toBe(false); // 23:59:59 Sunday BST
    expect(paid("2026-06-08T09:00:00Z", "2026-06-14T23:00:00Z")).toBe(true); // 00:00 Monday BST
    expect(paid("2026-06-08T09:00:00Z", "2026-07-30T12:00:00Z")).toBe(true);
  });

  it("the time of day of the download does not matter, only its London date", () => {
    expect(paidFromDate(new Date("2026-06-07T23:00:00Z"), holidays)).toBe("2026-06-15"); // 00:00 Mon BST
    expect(paidFromDate(new Date("2026-06-08T22:59:59Z"), holidays)).toBe("2026-06-15"); // 23:59 Mon BST
  });

  it("a download late at night UTC that is already the next day in London (BST) counts from the London day", () => {
    // 2026-06-10T23:30Z is 00:30 on Thursday 11 June in London: day 0 is Thursday, not Wednesday.
    expect(paidFromDate(new Date("2026-06-10T23:30:00Z"), holidays)).toBe("2026-06-18");
    expect(paid("2026-06-10T23:30:00Z", "2026-06-17T12:00:00Z")).toBe(false); // would be PAID if counted from Wednesday
    expect(paid("2026-06-10T23:30:00Z", "2026-06-17T23:00:00Z")).toBe(true); // 00:00 Thursday 18th BST
  });

  it("a download late at night in winter (GMT) stays on its UTC date", () => {
    expect(paidFromDate(new Date("2026-01-14T23:30:00Z"), holidays)).toBe("2026-01-21");
    expect(paid("2026-01-14T23:30:00Z", "2026-01-20T23:59:59Z")).toBe(false);
    expect(paid("2026-01-14T23:30:00Z", "2026-01-21T00:00:00Z")).toBe(true);
  });

  it("a download on a Saturday: the following Friday", () => {
    expect(paidFromDate(new Date("2026-06-13T10:00:00Z"), holidays)).toBe("2026-06-19");
    expect(paid("2026-06-13T10:00:00Z", "2026-06-18T12:00:00Z")).toBe(false);
    expect(paid("2026-06-13T10:00:00Z", "2026-06-19T08:00:00Z")).toBe(true);
  });

  it("Christmas 2026: downloaded Friday 18 December, paid from Tuesday 29 December", () => {
    expect(paidFromDate(new Date("2026-12-18T16:00:00Z"), holidays)).toBe("2026-12-29");
    expect(paid("2026-12-18T16:00:00Z", "2026-12-25T12:00:00Z")).toBe(false); // 5 weekdays, but two are holidays
    expect(paid("2026-12-18T16:00:00Z", "2026-12-28T23:59:59Z")).toBe(false);
    expect(paid("2026-12-18T16:00:00Z", "2026-12-29T00:00:00Z")).toBe(true);
  });

  it("Christmas and New Year 2026-27: downloaded Wednesday 23 December, paid from Monday 4 January", () => {
    expect(paidFromDate(new Date("2026-12-23T10:00:00Z"), holidays)).toBe("2027-01-04");
    expect(paid("2026-12-23T10:00:00Z", "2027-01-01T12:00:00Z")).toBe(false);
    expect(paid("2026-12-23T10:00:00Z", "2027-01-03T23:59:59Z")).toBe(false);
    expect(paid("2026-12-23T10:00:00Z", "2027-01-04T00:00:00Z")).toBe(true);
  });

  it("Easter 2027 (clocks change on Easter Sunday): downloaded Thursday 25 March, paid from Monday 5 April", () => {
    expect(paidFromDate(new Date("2027-03-25T14:00:00Z"), holidays)).toBe("2027-04-05");
    expect(paid("2027-03-25T14:00:00Z", "2027-04-01T12:00:00Z")).toBe(false); // PAID here without the holidays
    expect(paid("2027-03-25T14:00:00Z", "2027-04-04T22:59:59Z")).toBe(false); // 23:59:59 Sunday BST
    expect(paid("2027-03-25T14:00:00Z", "2027-04-04T23:00:00Z")).toBe(true); // 00:00 Monday BST
  });

  it("uses the holidays it is given", () => {
    const noHolidays = { firstDownloadedAt: new Date("2027-03-25T14:00:00Z"), now: new Date("2027-04-01T12:00:00Z") };
    expect(isPaidNoFailureReported({ ...noHolidays, holidays: none })).toBe(true);
    expect(isPaidNoFailureReported({ ...noHolidays, holidays })).toBe(false);
  });
});

describe("latestPaidDownloadDate (the sweep's cutoff, compared in SQL)", () => {
  it("agrees with isPaidNoFailureReported for 2,000 random first downloads and sweep times", () => {
    const random = mulberry32(20261128);
    const start = Date.parse("2026-01-01T00:00:00Z");
    const span = 700 * 86_400_000;
    for (let i = 0; i < 2_000; i++) {
      const now = new Date(start + Math.floor(random() * span));
      const firstDownloadedAt = new Date(now.getTime() - Math.floor(random() * 20 * 86_400_000));
      const cutoff = latestPaidDownloadDate(now, holidays);
      expect(londonDate(firstDownloadedAt) <= cutoff).toBe(isPaidNoFailureReported({ firstDownloadedAt, now, holidays }));
    }
  });

  it("counts back over a weekend and a bank holiday: on Tuesday 2026-05-26 (after the spring bank holiday) the cutoff is Monday 2026-05-18", () => {
    expect(latestPaidDownloadDate(new Date("2026-05-26T09:00:00Z"), holidays)).toBe("2026-05-18");
  });
});
