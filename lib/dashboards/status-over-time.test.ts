import { describe, expect, it } from "vitest";
import { dashboardWindow, mondayOf } from "./dashboard-window";
import { statusOverTime, type StatusChangeRow } from "./status-over-time";

describe("dashboardWindow", () => {
  it("is 90 London days, today last, starting at London midnight of the first", () => {
    // 00:30 BST on 1 July 2026 is still 30 June in UTC: London's day is 1 July.
    const w = dashboardWindow(new Date("2026-06-30T23:30:00Z"));
    expect(w.today).toBe("2026-07-01");
    expect(w.days).toHaveLength(90);
    expect(w.days[89]).toBe("2026-07-01");
    expect(w.days[0]).toBe("2026-04-03");
    expect(w.from.toISOString()).toBe("2026-04-02T23:00:00.000Z");
  });

  it("in winter a London day starts at UTC midnight; across the clock change days stay whole", () => {
    const w = dashboardWindow(new Date("2026-12-01T00:10:00Z"));
    expect(w.today).toBe("2026-12-01");
    expect(w.days[0]).toBe("2026-09-03");
    expect(w.from.toISOString()).toBe("2026-09-02T23:00:00.000Z");
    expect(new Set(w.days).size).toBe(90);
    // A window starting in GMT begins at UTC midnight.
    const winter = dashboardWindow(new Date("2027-03-01T12:00:00Z"));
    expect(winter.days[0]).toBe("2026-12-02");
    expect(winter.from.toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });

  it("weeks start on Monday", () => {
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // Sunday
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-24")).toBe("2026-11-23");
  });
});

describe("statusOverTime", () => {
  const days = ["2026-11-26", "2026-11-27", "2026-11-28"];
  const rows: StatusChangeRow[] = [
    { method: "BANK", day: "2026-11-26", status: "NEW", count: 4 },
    { method: "BANK", day: "2026-11-28", status: "SENT", count: 3 },
    { method: "BANK", day: "2026-11-28", status: "FAILED", count: 1 },
    { method: "CASH", day: "2026-11-27", status: "SENT", count: 2 },
    // Outside the window: left out.
    { method: "BANK", day: "2026-11-25", status: "PAID", count: 9 },
    // A cycle's draft payments show as a status of their own, only where there are some.
    { method: "BANK", day: "2026-11-27", status: "DRAFT", count: 5 },
  ];

  it("gives every day of the window for the usual statuses of bank payments, gaps as zeros", () => {
    expect(statusOverTime(rows, days, "BANK")).toEqual({
      categories: days,
      series: ["DRAFT", "NEW", "SENT", "PAID", "FAILED", "CANCELLED"],
      values: [
        [0, 4, 0, 0, 0, 0],
        [5, 0, 0, 0, 0, 0],
        [0, 0, 3, 0, 1, 0],
      ],
    });
  });

  it("keeps cash apart, with the Post Office's statuses", () => {
    expect(statusOverTime(rows, days, "CASH")).toEqual({
      categories: days,
      series: ["NEW", "SENT", "CASHED", "EXPIRED", "CANCELLED"],
      values: [
        [0, 0, 0, 0, 0],
        [0, 2, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ],
    });
  });

  it("with no changes at all, still every day, all zeros", () => {
    const t = statusOverTime([], dashboardWindow(new Date("2026-11-28T12:00:00Z")).days, "BANK");
    expect(t.values).toHaveLength(90);
    expect(t.values.flat().every((v) => v === 0)).toBe(true);
  });
});
