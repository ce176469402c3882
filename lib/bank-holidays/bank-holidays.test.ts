import { describe, expect, it } from "vitest";
import { BankHolidaysError, SHIPPED_BANK_HOLIDAYS, holidaySet, parseBankHolidays } from "./bank-holidays";

function problemsOf(json: unknown): string[] {
  try {
    parseBankHolidays(json);
  } catch (e) {
    if (e instanceof BankHolidaysError) return e.problems;
    throw e;
  }
  throw new Error("expected parseBankHolidays to refuse the input");
}

describe("the shipped calendar", () => {
  it("parses, and has the 2026-27 holidays the working-day tests rely on", () => {
    const set = holidaySet(SHIPPED_BANK_HOLIDAYS);
    for (const d of ["2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29"]) expect(set.has(d)).toBe(true);
    expect(set.has("2026-12-26")).toBe(false); // a Saturday: the substitute is the 28th
  });
});

describe("parseBankHolidays", () => {
  it("accepts our own shape, sorted by date, titles trimmed", () => {
    expect(
      parseBankHolidays([
        { date: "2027-01-01", title: " New Year’s Day " },
        { date: "2026-12-25", title: "Christmas Day" },
      ]),
    ).toEqual([
      { date: "2026-12-25", title: "Christmas Day" },
      { date: "2027-01-01", title: "New Year’s Day" },
    ]);
  });

  it("accepts the gov.uk bank-holidays.json shape, using only England and Wales", () => {
    const govUk = {
      "england-and-wales": {
        division: "england-and-wales",
        events: [
          { title: "Christmas Day", date: "2026-12-25", notes: "", bunting: true },
          { title: "Boxing Day", date: "2026-12-28", notes: "Substitute day", bunting: true },
        ],
      },
      scotland: { division: "scotland", events: [{ title: "2nd January", date: "2027-01-04", notes: "", bunting: true }] },
    };
    expect(parseBankHolidays(govUk)).toEqual([
      { date: "2026-12-25", title: "Christmas Day" },
      { date: "2026-12-28", title: "Boxing Day" },
    ]);
  });

  it.each([
    ["a string", "hello", /Expected a list/],
    ["an object of the wrong shape", { holidays: [] }, /Expected a list/],
    ["gov.uk without events", { "england-and-wales": { division: "england-and-wales" } }, /"events" list/],
    ["an empty list", [], /no bank holidays/],
  ])("refuses %s", (_label, json, message) => {
    const problems = problemsOf(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("names the entry of every problem, counting from 1", () => {
    const problems = problemsOf([
      { date: "2026-12-25", title: "Christmas Day" },
      "Boxing Day",
      { date: "25/12/2026", title: "Christmas" },
      { date: "2026-02-30", title: "Not a day" },
      { date: "2026-05-04", title: "   " },
      { date: "2026-05-25" },
      { date: "2026-12-25", title: "Christmas again" },
    ]);
    expect(problems).toEqual([
      'Entry 2 is not an object with "date" and "title"',
      'Entry 3: date "25/12/2026" is not a real date written YYYY-MM-DD',
      'Entry 4: date "2026-02-30" is not a real date written YYYY-MM-DD',
      "Entry 5: title must be a non-empty text",
      "Entry 6: title must be a non-empty text",
      "Entry 7: date 2026-12-25 is a duplicate of entry 1",
    ]);
  });

  it("names gov.uk events in its messages, and puts every problem in the error message", () => {
    try {
      parseBankHolidays({
        "england-and-wales": {
          events: [
            { title: "A", date: "2026-01-01" },
            { title: "B", date: 20260101 },
          ],
        },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BankHolidaysError);
      expect((e as Error).message).toBe('"england-and-wales" event 2: date 20260101 is not a real date written YYYY-MM-DD');
    }
  });
});
