import { ChartFigure } from "@/components/charts/chart-figure";
import { FAILED_COLOUR } from "@/components/charts/chart-colours";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { renderBarChart } from "@/lib/dashboards/charts/render-bar-chart";
import { dayLabel } from "@/lib/dashboards/dashboard-window";
import type { Dashboards } from "@/lib/dashboards/load-dashboards";
import { CountTable } from "./count-table";

const RATE = "Failure rate";
const FAILED = "Failed payments";

/** Tenths of a per cent as "12.5%". */
export function formatRate(tenths: number): string {
  return `${(tenths / 10).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export function FailuresChart({ data }: { data: NonNullable<Dashboards["failures"]> }) {
  const weeks = data.weeks.map((w) => ({ ...w, label: dayLabel(w.weekStart) }));
  const rated = weeks.filter((w) => w.rateTenths !== null);
  const rateSvg =
    rated.length === 0
      ? null
      : renderBarChart({
          label: "Failure rate of bank payments by week: bar chart",
          xOrder: weeks.map((w) => w.label),
          data: rated.map((w) => ({ x: w.label, series: RATE, value: w.rateTenths ?? 0 })),
          series: [{ key: RATE, colour: FAILED_COLOUR }],
          valueLabel: "Failed / sent (%)",
          divisor: 10,
          height: 280,
          xTicks: weeks.filter((_, i) => (weeks.length - 1 - i) % 2 === 0).map((w) => w.label),
          xTickFormat: (x) => x.replace(/ \d{4}$/, ""),
          describe: (d) => `Week from ${d.x}: ${formatRate(d.value)}`,
        });
  const reasons = data.reasons.map((r) => ({ label: r.reason, count: r.count }));
  const reasonsSvg =
    reasons.length === 0
      ? null
      : renderBarChart({
          label: "Most common reasons bank payments failed: horizontal bar chart",
          xOrder: reasons.map((r) => r.label),
          data: reasons.map((r) => ({ x: r.label, series: FAILED, value: r.count })),
          series: [{ key: FAILED, colour: FAILED_COLOUR }],
          horizontal: true,
          valueLabel: "Failed payments",
          height: 60 + reasons.length * 32,
          marginLeft: 200,
          // Long reasons are cut under the bar; the table and each bar's title have them whole.
          xTickFormat: (x) => (x.length > 30 ? `${x.slice(0, 29)}…` : x),
          describe: (d) => `${d.x}: ${d.value.toLocaleString("en-GB")}`,
        });
  return (
    <section aria-labelledby="failures-heading" className="mb-10">
      <h2 id="failures-heading" className="mb-2 text-2xl font-bold">
        Bank payment failures
      </h2>
      <p className="mb-4 max-w-3xl">
        Each week (Monday to Sunday, UK time) of the last 90 days: the bank payments SSCL reported failed, over those sent that
        week. A failure is counted in the week it was reported, which may be later than the week its payment was sent.
      </p>
      <ChartFigure
        id="chart-failure-rate"
        title="Failure rate by week"
        svg={rateSvg}
        table={
          <Table caption="Bank payments sent and failed, by week">
            <THead>
              <Tr>
                <Th>Week from</Th>
                <Th numeric>Sent</Th>
                <Th numeric>Failed</Th>
                <Th numeric>{RATE}</Th>
              </Tr>
            </THead>
            <TBody>
              {weeks.map((w) => (
                <Tr key={w.weekStart}>
                  <Th scope="row" className="font-normal">
                    {w.label}
                  </Th>
                  <Td numeric>{w.sent.toLocaleString("en-GB")}</Td>
                  <Td numeric>{w.failed.toLocaleString("en-GB")}</Td>
                  <Td numeric>{w.rateTenths === null ? "None sent" : formatRate(w.rateTenths)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        }
      />
      <ChartFigure
        id="chart-failure-reasons"
        title="Most common failure reasons"
        description={<p>The reasons SSCL gave for bank payments that failed in the last 90 days, most common first.</p>}
        svg={reasonsSvg}
        table={<CountTable caption="Failed bank payments by reason" heading="Reason" countHeading={FAILED} rows={reasons} />}
      />
    </section>
  );
}
