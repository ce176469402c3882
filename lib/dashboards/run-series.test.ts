import { describe, expect, it } from "vitest";
import { dashboardsFor } from "./dashboards-for-role";
import { runSeries } from "./run-series";

describe("runSeries", () => {
  it("oldest first, labelled in UK time with the kind, failed runs named, labels unique", () => {
    const base = { paymentCount: 0, totalPence: 0 };
    const points = runSeries([
      {
        ...base,
        id: "b",
        kind: "PAYOUT",
        status: "SUCCEEDED",
        startedAt: new Date("2026-07-01T00:00:10Z"),
        paymentCount: 3,
        totalPence: 4500,
      },
      { ...base, id: "a", kind: "DIRECT_PAYMENTS", status: "FAILED", startedAt: new Date("2026-06-30T23:00:00Z") },
      { ...base, id: "c", kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date("2026-07-01T00:00:40Z") },
    ]);
    expect(points.map((p) => [p.id, p.label, p.failed])).toEqual([
      ["a", "Bank 1 Jul, 00:00 failed", true],
      ["b", "Payout 1 Jul, 01:00", false],
      ["c", "Payout 1 Jul, 01:00 (2)", false],
    ]);
    expect(points[1]).toMatchObject({ paymentCount: 3, totalPence: 4500 });
  });
});

describe("dashboardsFor", () => {
  it("each role sees the charts of its work; admins all", () => {
    expect(dashboardsFor("CASEWORKER")).toEqual(["caseworkerQueue", "failures", "vouchers"]);
    expect(dashboardsFor("SSCL_FINANCE")).toEqual(["paymentsByStatus", "runs", "failures", "vouchers"]);
    expect(dashboardsFor("ACCOUNTANT")).toEqual(["paymentsByStatus", "runs"]);
    expect(dashboardsFor("PLAN_MANAGER")).toEqual(["paymentsByStatus"]);
    expect(dashboardsFor("ADMIN")).toEqual(["paymentsByStatus", "runs", "vouchers", "caseworkerQueue", "failures"]);
  });
});
