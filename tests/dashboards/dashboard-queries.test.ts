// The dashboards' queries against rows this file inserts: each set-based aggregate counts what it
// should (the window, UK days, the method, the statuses) and loadDashboards runs only the queries
// of the charts a role sees.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { dashboardWindow } from "@/lib/dashboards/dashboard-window";
import { dashboardsFor } from "@/lib/dashboards/dashboards-for-role";
import { loadDashboards } from "@/lib/dashboards/load-dashboards";
import { loadFailureReasons } from "@/lib/dashboards/queries/load-failure-reasons";
import { loadOpenClaims } from "@/lib/dashboards/queries/load-open-claims";
import { loadOutstandingVouchers } from "@/lib/dashboards/queries/load-outstanding-vouchers";
import { loadRuns } from "@/lib/dashboards/queries/load-runs";
import { loadStatusChanges } from "@/lib/dashboards/queries/load-status-changes";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
// 10:00 BST on Wednesday 1 July 2026: the window is 3 April to 1 July.
const NOW = new Date("2026-07-01T09:00:00Z");
const window = dashboardWindow(NOW);

let seq = 0;
async function payment(method: PaymentMethod, status: PaymentStatus, extra: Record<string, unknown> = {}) {
  const { claim, claimant } = await makeClaim(db(), key, { method });
  seq += 1;
  return db().payment.create({
    data: {
      reference: `${claim.reference}-${String(seq).padStart(2, "0")}`,
      personId: claimant.id,
      claimId: claim.id,
      method,
      amountPence: 1000,
      status,
      ...extra,
    },
  });
}

async function history(
  paymentId: string,
  from: PaymentStatus | null,
  to: PaymentStatus,
  at: string,
  reason: string | null = null,
) {
  await db().paymentStatusHistory.create({
    data: {
      paymentId,
      moveId: randomUUID(),
      action: "test",
      fromStatus: from,
      toStatus: to,
      at: new Date(at),
      actorLabel: "test",
      reason,
    },
  });
}

describe("loadStatusChanges and loadFailureReasons", () => {
  beforeAll(async () => {
    const bank = await payment("BANK", "FAILED");
    await history(bank.id, null, "NEW", "2026-06-29T08:00:00Z");
    // A hold on and off keeps the status: not counted.
    await history(bank.id, "NEW", "NEW", "2026-06-29T09:00:00Z");
    // 23:30 UTC on 29 June is 00:30 BST on 30 June: London's day.
    await history(bank.id, "NEW", "SENT", "2026-06-29T23:30:00Z");
    await history(bank.id, "SENT", "FAILED", "2026-07-01T08:00:00Z", "  Account closed ");
    const bank2 = await payment("BANK", "FAILED");
    await history(bank2.id, "SENT", "FAILED", "2026-06-30T22:59:59Z", "Account closed");
    // Before the window (the window starts 23:00 UTC on 2 April): left out.
    await history(bank2.id, null, "NEW", "2026-04-02T22:59:59Z");
    await history(bank2.id, "NEW", "SENT", "2026-04-02T23:00:00Z");
    const cash = await payment("CASH", "CASHED");
    await history(cash.id, "SENT", "CASHED", "2026-06-30T12:00:00Z");
    // A cash payment's "failure" is not a bank failure.
    await history(cash.id, "SENT", "FAILED", "2026-06-30T12:00:00Z", "Not a bank failure");
  });

  it("counts status entries per method, London day and status, inside the window only", async () => {
    const rows = await loadStatusChanges(db(), window.from);
    const sorted = rows.map((r) => `${r.method} ${r.day} ${r.status} ${r.count}`).sort();
    expect(sorted).toEqual([
      "BANK 2026-04-03 SENT 1",
      "BANK 2026-06-29 NEW 1",
      "BANK 2026-06-30 FAILED 1",
      "BANK 2026-06-30 SENT 1",
      "BANK 2026-07-01 FAILED 1",
      "CASH 2026-06-30 CASHED 1",
      "CASH 2026-06-30 FAILED 1",
    ]);
  });

  it("counts bank failures by trimmed reason", async () => {
    expect(await loadFailureReasons(db(), window.from)).toEqual([{ reason: "Account closed", count: 2 }]);
  });
});

describe("loadRuns", () => {
  it("lists both kinds of run started in the window, oldest first, totals as numbers", async () => {
    const mk = (
      kind: "DIRECT_PAYMENTS" | "PAYOUT",
      status: "SUCCEEDED" | "FAILED",
      startedAt: string,
      paymentCount: number,
      totalPence: bigint,
    ) =>
      db().run.create({ data: { kind, status, startedAt: new Date(startedAt), triggeredBy: "test", paymentCount, totalPence } });
    await mk("DIRECT_PAYMENTS", "SUCCEEDED", "2026-04-01T00:00:00Z", 9, 9n);
    const a = await mk("DIRECT_PAYMENTS", "FAILED", "2026-06-30T23:00:00Z", 0, 0n);
    const b = await mk("PAYOUT", "SUCCEEDED", "2026-06-01T00:00:00Z", 3, 5_000_000_000n);
    const runs = await loadRuns(db(), window.from);
    expect(runs.map((r) => [r.id, r.kind, r.status, r.paymentCount, r.totalPence])).toEqual([
      [b.id, "PAYOUT", "SUCCEEDED", 3, 5_000_000_000],
      [a.id, "DIRECT_PAYMENTS", "FAILED", 0, 0],
    ]);
  });
});

describe("loadOutstandingVouchers", () => {
  it("ages SENT cash vouchers by London days since sent, and counts those expiring today to six days on", async () => {
    // Sent 00:30 BST on 1 July (23:30 UTC on 30 June): 0 days old.
    await payment("CASH", "SENT", { sentAt: new Date("2026-06-30T23:30:00Z"), voucherExpiresOn: new Date("2026-07-01") });
    await payment("CASH", "SENT", { sentAt: new Date("2026-06-20T10:00:00Z"), voucherExpiresOn: new Date("2026-07-07") });
    await payment("CASH", "SENT", { sentAt: new Date("2026-06-20T11:00:00Z"), voucherExpiresOn: new Date("2026-07-08") });
    // Not outstanding, or not a voucher: left out.
    await payment("CASH", "CASHED", { sentAt: new Date("2026-06-20T10:00:00Z"), voucherExpiresOn: new Date("2026-07-02") });
    await payment("BANK", "SENT", { sentAt: new Date("2026-06-20T10:00:00Z") });
    const { ages, expiring } = await loadOutstandingVouchers(db(), window.today);
    expect(ages.sort((x, y) => x.ageDays - y.ageDays)).toEqual([
      { ageDays: 0, count: 1 },
      { ageDays: 11, count: 2 },
    ]);
    expect(expiring.sort((x, y) => x.expiresOn.localeCompare(y.expiresOn))).toEqual([
      { expiresOn: "2026-07-01", count: 1 },
      { expiresOn: "2026-07-07", count: 1 },
    ]);
  });
});

describe("loadOpenClaims", () => {
  it("counts open claims by status and London date received", async () => {
    const { claim: a } = await makeClaim(db(), key, { status: "NEW" });
    const { claim: b } = await makeClaim(db(), key, { status: "INFORMATION_REQUESTED" });
    const { claim: c } = await makeClaim(db(), key, { status: "NEW" });
    await db().claim.update({ where: { id: a.id }, data: { createdAt: new Date("2026-06-15T23:30:00Z") } });
    await db().claim.update({ where: { id: b.id }, data: { createdAt: new Date("2026-06-16T10:00:00Z") } });
    await db().claim.update({ where: { id: c.id }, data: { createdAt: new Date("2026-06-16T12:00:00Z"), status: "APPROVED" } });
    const rows = await loadOpenClaims(db());
    expect(rows.filter((r) => r.receivedOn === "2026-06-16").sort((x, y) => x.status.localeCompare(y.status))).toEqual([
      { status: "INFORMATION_REQUESTED", receivedOn: "2026-06-16", count: 1 },
      { status: "NEW", receivedOn: "2026-06-16", count: 1 },
    ]);
  });
});

describe("loadDashboards", () => {
  it("an admin gets every chart, shaped from the same rows", async () => {
    const all = await loadDashboards({
      db: db(),
      charts: dashboardsFor("ADMIN"),
      now: NOW,
      holidays: new Set(),
      targetWorkingDays: 10,
    });
    const bank = all.paymentsByStatus!.bank;
    expect(bank.values).toHaveLength(90);
    const day = (d: string) => bank.values[bank.categories.indexOf(d)];
    expect(bank.series).toEqual(["NEW", "SENT", "PAID", "FAILED", "CANCELLED"]);
    expect(day("2026-06-30")).toEqual([0, 1, 0, 1, 0]);
    expect(day("2026-07-01")).toEqual([0, 0, 0, 1, 0]);
    // Week of Monday 29 June: 1 sent (30 June), 2 failed: 200.0%.
    expect(all.failures!.weeks.at(-1)).toEqual({ weekStart: "2026-06-29", sent: 1, failed: 2, rateTenths: 2000 });
    expect(all.failures!.reasons).toEqual([{ reason: "Account closed", count: 2 }]);
    expect(all.runs!.map((r) => r.label)).toEqual(["Payout 1 Jun, 01:00", "Bank 1 Jul, 00:00 failed"]);
    expect(all.vouchers!.ages[0]).toEqual({ band: "0 to 7 days", count: 1 });
    expect(all.vouchers!.ages[1]).toEqual({ band: "8 to 14 days", count: 2 });
    expect(all.vouchers!.expiring.map((e) => e.count)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // Received 16 June (Tuesday): 11 working days to Wednesday 1 July, past the target of 10.
    expect(all.caseworkerQueue!.pastTarget).toBeGreaterThanOrEqual(2);
  });

  it("a plan manager's page runs only the status query", async () => {
    const mine = await loadDashboards({
      db: db(),
      charts: dashboardsFor("PLAN_MANAGER"),
      now: NOW,
      holidays: new Set(),
      targetWorkingDays: 10,
    });
    expect(Object.keys(mine).sort()).toEqual(["paymentsByStatus", "window"]);
  });
});
