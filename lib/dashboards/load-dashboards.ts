import type { Db } from "@/lib/db";
import { dashboardWindow, type DashboardWindow } from "./dashboard-window";
import type { DashboardChart } from "./dashboards-for-role";
import { topFailureReasons, weeklyFailureRate, type WeekFailureRate } from "./failure-rate";
import { loadFailureReasons } from "./queries/load-failure-reasons";
import { loadOpenClaims } from "./queries/load-open-claims";
import { loadOutstandingVouchers } from "./queries/load-outstanding-vouchers";
import { loadRuns } from "./queries/load-runs";
import { loadStatusChanges } from "./queries/load-status-changes";
import { queueByAge } from "./queue-ages";
import { runSeries, type RunPoint } from "./run-series";
import type { SeriesTable } from "./series-table";
import { statusOverTime } from "./status-over-time";
import { expiringNextDays, voucherAgeBands } from "./voucher-ages";

// The dashboards' data for the charts a role sees (docs/dashboards.md): each query once, in
// parallel, each shaped by its pure function; the page draws each chart and its table from the
// same object.

export type Dashboards = {
  window: DashboardWindow;
  paymentsByStatus?: { bank: SeriesTable; cash: SeriesTable };
  runs?: RunPoint[];
  vouchers?: { ages: { band: string; count: number }[]; expiring: { day: string; count: number }[] };
  caseworkerQueue?: ReturnType<typeof queueByAge> & { target: number };
  failures?: { weeks: WeekFailureRate[]; reasons: { reason: string; count: number }[] };
};

export async function loadDashboards(options: {
  db: Db;
  charts: readonly DashboardChart[];
  now: Date;
  holidays: ReadonlySet<string>;
  targetWorkingDays: number;
}): Promise<Dashboards> {
  const { db, charts, now } = options;
  const window = dashboardWindow(now);
  const wants = (chart: DashboardChart) => charts.includes(chart);
  const needChanges = wants("paymentsByStatus") || wants("failures");
  const [changes, reasons, runs, vouchers, openClaims] = await Promise.all([
    needChanges ? loadStatusChanges(db, window.from) : undefined,
    wants("failures") ? loadFailureReasons(db, window.from) : undefined,
    wants("runs") ? loadRuns(db, window.from) : undefined,
    wants("vouchers") ? loadOutstandingVouchers(db, window.today) : undefined,
    wants("caseworkerQueue") ? loadOpenClaims(db) : undefined,
  ]);
  const result: Dashboards = { window };
  if (changes && wants("paymentsByStatus")) {
    result.paymentsByStatus = {
      bank: statusOverTime(changes, window.days, "BANK"),
      cash: statusOverTime(changes, window.days, "CASH"),
    };
  }
  if (changes && reasons)
    result.failures = { weeks: weeklyFailureRate(changes, window.days), reasons: topFailureReasons(reasons) };
  if (runs) result.runs = runSeries(runs);
  if (vouchers) {
    result.vouchers = { ages: voucherAgeBands(vouchers.ages), expiring: expiringNextDays(vouchers.expiring, window.today) };
  }
  if (openClaims) {
    result.caseworkerQueue = {
      ...queueByAge(openClaims, { today: window.today, holidays: options.holidays, target: options.targetWorkingDays }),
      target: options.targetWorkingDays,
    };
  }
  return result;
}
