import { describe, expect, it } from "vitest";
import { NO_REASON, OTHER_REASONS, topFailureReasons, weeklyFailureRate } from "./failure-rate";
import type { StatusChangeRow } from "./status-over-time";

describe("weeklyFailureRate", () => {
  // Thursday 12 November to Sunday 29 November 2026: a part week, two whole weeks.
  const days = Array.from({ length: 18 }, (_, i) => new Date(Date.UTC(2026, 10, 12 + i)).toISOString().slice(0, 10));

  it("sums bank payments sent and failed per Monday-to-Sunday week, the first week from the window's first day", () => {
    const rows: StatusChangeRow[] = [
      { method: "BANK", day: "2026-11-12", status: "SENT", count: 10 },
      { method: "BANK", day: "2026-11-15", status: "SENT", count: 6 },
      { method: "BANK", day: "2026-11-16", status: "FAILED", count: 2 },
      { method: "BANK", day: "2026-11-17", status: "SENT", count: 3 },
      { method: "BANK", day: "2026-11-22", status: "FAILED", count: 1 },
      // Cash, other statuses and days outside the window do not count.
      { method: "CASH", day: "2026-11-17", status: "SENT", count: 50 },
      { method: "BANK", day: "2026-11-17", status: "PAID", count: 7 },
      { method: "BANK", day: "2026-11-11", status: "SENT", count: 99 },
      { method: "BANK", day: "2026-11-29", status: "FAILED", count: 4 },
    ];
    expect(weeklyFailureRate(rows, days)).toEqual([
      { weekStart: "2026-11-12", sent: 16, failed: 0, rateTenths: 0 },
      // 3 failed of 3 sent: 100.0%.
      { weekStart: "2026-11-16", sent: 3, failed: 3, rateTenths: 1000 },
      // Failures with nothing sent that week: no rate.
      { weekStart: "2026-11-23", sent: 0, failed: 4, rateTenths: null },
    ]);
  });

  it("rounds to tenths of a per cent", () => {
    const rows: StatusChangeRow[] = [
      { method: "BANK", day: "2026-11-17", status: "SENT", count: 3 },
      { method: "BANK", day: "2026-11-18", status: "FAILED", count: 1 },
    ];
    expect(weeklyFailureRate(rows, days)[1].rateTenths).toBe(333);
  });
});

describe("topFailureReasons", () => {
  it("most common first, ties by reason, blanks as 'No reason given', the rest as 'Other reasons'", () => {
    expect(
      topFailureReasons(
        [
          { reason: "Account closed", count: 5 },
          { reason: " Account closed ", count: 1 },
          { reason: "Invalid account", count: 3 },
          { reason: null, count: 2 },
          { reason: "", count: 1 },
          { reason: "Beneficiary deceased", count: 3 },
          { reason: "Refer to payer", count: 1 },
          { reason: "Sort code closed", count: 1 },
        ],
        4,
      ),
    ).toEqual([
      { reason: "Account closed", count: 6 },
      { reason: "Beneficiary deceased", count: 3 },
      { reason: "Invalid account", count: 3 },
      { reason: NO_REASON, count: 3 },
      { reason: OTHER_REASONS, count: 2 },
    ]);
  });

  it("no failures, no reasons", () => {
    expect(topFailureReasons([])).toEqual([]);
  });
});
