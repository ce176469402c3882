import { ChartFigure } from "@/components/charts/chart-figure";
import { PAYMENT_STATUS_COLOURS } from "@/components/charts/chart-colours";
import { SeriesTableView } from "@/components/charts/series-table-view";
import { statusLabel } from "@/components/status";
import { renderBarChart } from "@/lib/dashboards/charts/render-bar-chart";
import { dayLabel } from "@/lib/dashboards/dashboard-window";
import { seriesData } from "@/lib/dashboards/series-data";
import { tableTotal, type SeriesTable } from "@/lib/dashboards/series-table";

const paymentStatus = (s: string) => statusLabel(s, "payment");

function StatusChart({ id, method, table }: { id: string; method: string; table: SeriesTable }) {
  const title = `${method} payments by status, per day`;
  const last = table.categories.length - 1;
  const svg =
    tableTotal(table) === 0
      ? null
      : renderBarChart({
          label: `${title}: bar chart of the last ${table.categories.length} days`,
          ...seriesData(table, dayLabel, paymentStatus),
          series: table.series.map((s) => ({ key: paymentStatus(s), colour: PAYMENT_STATUS_COLOURS[s] ?? "#6f777b" })),
          valueLabel: "Payments",
          // Every 14th day back from today, so today is always labelled.
          xTicks: table.categories.filter((_, i) => (last - i) % 14 === 0).map(dayLabel),
          xTickFormat: (x) => x.replace(/ \d{4}$/, ""),
          describe: (d) => `${d.x}, ${d.series}: ${d.value.toLocaleString("en-GB")}`,
        });
  return (
    <ChartFigure
      id={id}
      title={title}
      svg={svg}
      legend={table.series.map((s) => ({ label: paymentStatus(s), colour: PAYMENT_STATUS_COLOURS[s] ?? "#6f777b" }))}
      table={
        <SeriesTableView
          caption={`${method} payments that entered each status, per day`}
          table={table}
          categoryHeading="Day"
          categoryLabel={dayLabel}
          seriesLabel={paymentStatus}
        />
      }
    />
  );
}

export function PaymentsByStatus({ data }: { data: { bank: SeriesTable; cash: SeriesTable } }) {
  return (
    <section aria-labelledby="payments-by-status" className="mb-10">
      <h2 id="payments-by-status" className="mb-2 text-2xl font-bold">
        Payments by status over time
      </h2>
      <p className="mb-4 max-w-3xl">
        How many payments entered each status on each day (UK time) of the last 90 days: made (waiting for run), sent, paid,
        failed and so on. A hold put on or taken off is not counted; a payment put back in the queue counts as waiting again.
      </p>
      <StatusChart id="chart-status-bank" method="Bank" table={data.bank} />
      <StatusChart id="chart-status-cash" method="Cash" table={data.cash} />
    </section>
  );
}
