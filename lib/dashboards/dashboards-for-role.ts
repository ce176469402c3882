import type { Role } from "@/lib/auth/roles";

// Which charts each role sees on /dashboards (docs/dashboards.md#who-sees-what): the charts of its
// own work. Admins see them all. The page runs only the queries of the charts it shows.

export const DASHBOARD_CHARTS = ["paymentsByStatus", "runs", "vouchers", "caseworkerQueue", "failures"] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

const BY_ROLE: Record<Role, readonly DashboardChart[]> = {
  // Claims and their queue; failed bank payments and expired vouchers come back to them to reissue.
  CASEWORKER: ["caseworkerQueue", "failures", "vouchers"],
  // Runs, files, the bank's failures and the Post Office's vouchers.
  SSCL_FINANCE: ["paymentsByStatus", "runs", "failures", "vouchers"],
  // Cycles are paid through the runs: what was paid, and how.
  ACCOUNTANT: ["paymentsByStatus", "runs"],
  PLAN_MANAGER: ["paymentsByStatus"],
  ADMIN: DASHBOARD_CHARTS,
};

export function dashboardsFor(role: Role): readonly DashboardChart[] {
  return BY_ROLE[role];
}
