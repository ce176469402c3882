import type { Metadata } from "next";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { config } from "@/lib/config";
import { dashboardsFor } from "@/lib/dashboards/dashboards-for-role";
import { dayLabel } from "@/lib/dashboards/dashboard-window";
import { loadDashboards } from "@/lib/dashboards/load-dashboards";
import { prisma } from "@/lib/db";
import { FailuresChart } from "./_components/failures-chart";
import { PaymentsByStatus } from "./_components/payments-by-status";
import { QueueChart } from "./_components/queue-chart";
import { RunsChart } from "./_components/runs-chart";
import { VouchersChart } from "./_components/vouchers-chart";
import "./charts.css";

export const metadata: Metadata = { title: "Dashboards" };
export const dynamic = "force-dynamic";

export default async function DashboardsPage() {
  const user = await requirePage("dashboards");
  const charts = dashboardsFor(user.role);
  const now = new Date();
  const data = await loadDashboards({
    db: prisma,
    charts,
    now,
    holidays: charts.includes("caseworkerQueue") ? await loadBankHolidays(prisma) : new Set(),
    targetWorkingDays: config().claimAgeTargetWorkingDays,
  });
  return (
    <>
      <PageHeading>Dashboards</PageHeading>
      <p className="mb-8 max-w-3xl">
        The last 90 days, {dayLabel(data.window.days[0])} to today, in UK time, as at {formatDateTime(now)}. Each chart has its
        numbers as a table under it. You see the charts of your own work.
      </p>
      {charts.map((chart) => {
        switch (chart) {
          case "paymentsByStatus":
            return data.paymentsByStatus && <PaymentsByStatus key={chart} data={data.paymentsByStatus} />;
          case "runs":
            return data.runs && <RunsChart key={chart} runs={data.runs} />;
          case "vouchers":
            return data.vouchers && <VouchersChart key={chart} data={data.vouchers} />;
          case "caseworkerQueue":
            return data.caseworkerQueue && <QueueChart key={chart} data={data.caseworkerQueue} />;
          case "failures":
            return data.failures && <FailuresChart key={chart} data={data.failures} />;
        }
      })}
    </>
  );
}
