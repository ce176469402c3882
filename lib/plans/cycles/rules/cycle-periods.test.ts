import { describe, expect, it } from "vitest";
import { addMonths, nextPeriods, periodStartingOn, planPeriod, yearMonth } from "./cycle-periods";

describe("a plan's periods", () => {
  it("adds months keeping the day, or the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 3)).toBe("2026-04-30");
    expect(addMonths("2026-11-15", 2)).toBe("2027-01-15");
    expect(addMonths("2026-03-01", -3)).toBe("2025-12-01");
  });

  it("runs back to back from validFrom, each counted from validFrom, the last one ending on validTo", () => {
    const plan = { periodicityMonths: 1, validFrom: "2026-01-31", validTo: "2026-04-15" };
    expect([0, 1, 2, 3, 4].map((n) => planPeriod(plan, n))).toEqual([
      { start: "2026-01-31", end: "2026-02-27" },
      { start: "2026-02-28", end: "2026-03-30" },
      { start: "2026-03-31", end: "2026-04-15" },
      null,
      null,
    ]);
    const quarterly = { periodicityMonths: 3, validFrom: "2026-01-01", validTo: null };
    expect(planPeriod(quarterly, 3)).toEqual({ start: "2026-10-01", end: "2026-12-31" });
  });

  it("knows which days start a period", () => {
    const plan = { periodicityMonths: 3, validFrom: "2026-01-15", validTo: "2026-12-31" };
    expect(periodStartingOn(plan, "2026-04-15")).toEqual({ start: "2026-04-15", end: "2026-07-14" });
    expect(periodStartingOn(plan, "2026-10-15")).toEqual({ start: "2026-10-15", end: "2026-12-31" });
    for (const day of ["2026-04-14", "2026-05-15", "2027-01-15", "2025-10-15", "2026-02-30", "soon"]) {
      expect(periodStartingOn(plan, day), day).toBeNull();
    }
  });

  it("offers the periods after the latest cycle, skipping any taken", () => {
    const plan = { periodicityMonths: 1, validFrom: "2026-01-01", validTo: "2026-06-30" };
    expect(nextPeriods(plan, [], 2).map((p) => p.start)).toEqual(["2026-01-01", "2026-02-01"]);
    expect(nextPeriods(plan, ["2026-01-01", "2026-03-01"], 3).map((p) => p.start)).toEqual([
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
    ]);
    expect(nextPeriods(plan, ["2026-06-01"], 3)).toEqual([]);
  });

  it("gives the period part of a cycle payment's reference", () => {
    expect(yearMonth("2026-11-01")).toBe("202611");
  });
});
