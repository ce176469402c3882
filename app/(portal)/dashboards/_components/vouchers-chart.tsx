import { ChartFigure } from "@/components/charts/chart-figure";
import { SINGLE_COLOUR } from "@/components/charts/chart-colours";
import { renderBarChart } from "@/lib/dashboards/charts/render-bar-chart";
import { dayLabel } from "@/lib/dashboards/dashboard-window";
import { CountTable } from "./count-table";

const SERIES = "Vouchers";

function chart(label: string, rows: { label: string; count: number }[], tickFormat?: (x: string) => string) {
  if (rows.every((r) => r.count === 0)) return null;
  return renderBarChart({
    label,
    xOrder: rows.map((r) => r.label),
    data: rows.map((r) => ({ x: r.label, series: SERIES, value: r.count })),
    series: [{ key: SERIES, colour: SINGLE_COLOUR }],
    valueLabel: "Vouchers",
    height: 260,
    xTickFormat: tickFormat,
    describe: (d) => `${d.x}: ${d.value.toLocaleString("en-GB")} vouchers`,
  });
}

export function VouchersChart({
  data,
}: {
  data: { ages: { band: string; count: number }[]; expiring: { day: string; count: number }[] };
}) {
  const ages = data.ages.map((a) => ({ label: a.band, count: a.count }));
  const expiring = data.expiring.map((e) => ({ label: dayLabel(e.day), count: e.count }));
  const outstanding = ages.reduce((s, a) => s + a.count, 0);
  const soon = expiring.reduce((s, e) => s + e.count, 0);
  return (
    <section aria-labelledby="vouchers-heading" className="mb-10">
      <h2 id="vouchers-heading" className="mb-2 text-2xl font-bold">
        Payout vouchers outstanding
      </h2>
      <p className="mb-4 max-w-3xl">
        Cash payments sent to the Post Office and not yet cashed, expired or cancelled: {outstanding.toLocaleString("en-GB")}{" "}
        {outstanding === 1 ? "voucher" : "vouchers"}, {soon.toLocaleString("en-GB")} of them with a last day to cash in the next 7
        days.
      </p>
      <ChartFigure
        id="chart-voucher-ages"
        title="Outstanding vouchers by age"
        description={<p>Age is the number of days since the voucher was sent to the Post Office (UK dates).</p>}
        svg={chart("Outstanding vouchers by days since sent: bar chart", ages)}
        table={<CountTable caption="Outstanding vouchers by age" heading="Days since sent" countHeading="Vouchers" rows={ages} />}
      />
      <ChartFigure
        id="chart-voucher-expiry"
        title="Vouchers expiring in the next 7 days"
        description={<p>By the last day each voucher can be cashed, from today.</p>}
        svg={chart("Outstanding vouchers by last day to cash, next 7 days: bar chart", expiring, (x) => x.replace(/ \d{4}$/, ""))}
        table={
          <CountTable
            caption="Outstanding vouchers by last day to cash"
            heading="Last day to cash"
            countHeading="Vouchers"
            rows={expiring}
          />
        }
      />
    </section>
  );
}
