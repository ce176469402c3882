import { ChartFigure } from "@/components/charts/chart-figure";
import { RUN_STATUS_COLOURS } from "@/components/charts/chart-colours";
import { Money } from "@/components/money";
import { statusLabel } from "@/components/status";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag } from "@/components/tag";
import { formatPence } from "@/lib/money";
import { renderBarChart, type BarChartSpec } from "@/lib/dashboards/charts/render-bar-chart";
import type { RunPoint } from "@/lib/dashboards/run-series";

// The latest runs only: a bar per run must stay readable, and the table lists the same runs.
export const RUNS_SHOWN = 30;

const runStatus = (s: string) => statusLabel(s, "run");

export function RunsChart({ runs: all }: { runs: RunPoint[] }) {
  const runs = all.slice(-RUNS_SHOWN);
  const statuses = [...new Set(runs.map((r) => r.status))];
  const series = statuses.map((s) => ({ key: runStatus(s), colour: RUN_STATUS_COLOURS[s] ?? "#6f777b" }));
  const common: Omit<BarChartSpec, "label" | "data" | "valueLabel" | "describe"> = {
    xOrder: runs.map((r) => r.label),
    series,
    horizontal: true,
    height: 40 + runs.length * 18,
    marginLeft: 170,
  };
  const empty = runs.length === 0;
  const payments = empty
    ? null
    : renderBarChart({
        ...common,
        label: "Payments per run: horizontal bar chart",
        data: runs.map((r) => ({ x: r.label, series: runStatus(r.status), value: r.paymentCount })),
        valueLabel: "Payments",
        describe: (d) => `${d.x} (${d.series}): ${d.value.toLocaleString("en-GB")} payments`,
      });
  const totals = empty
    ? null
    : renderBarChart({
        ...common,
        label: "Total per run: horizontal bar chart",
        data: runs.map((r) => ({ x: r.label, series: runStatus(r.status), value: r.totalPence })),
        valueLabel: "Total (£)",
        divisor: 100,
        describe: (d) => `${d.x} (${d.series}): ${formatPence(d.value)}`,
      });
  const legend = series.map((s) => ({ label: s.key, colour: s.colour }));
  const table = (
    <Table caption={`Runs started in the last 90 days${all.length > RUNS_SHOWN ? `, the latest ${RUNS_SHOWN}` : ""}`}>
      <THead>
        <Tr>
          <Th>Run (UK time)</Th>
          <Th>Status</Th>
          <Th numeric>Payments</Th>
          <Th numeric>Total</Th>
        </Tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <Tr key={r.id}>
            <Th scope="row" className="font-normal">
              {r.label}
            </Th>
            <Td>
              <StatusTag status={r.status} kind="run" />
            </Td>
            <Td numeric>{r.paymentCount.toLocaleString("en-GB")}</Td>
            <Td numeric>
              <Money pence={r.totalPence} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
  return (
    <section aria-labelledby="runs-heading" className="mb-10">
      <h2 id="runs-heading" className="mb-2 text-2xl font-bold">
        Runs
      </h2>
      <p className="mb-4 max-w-3xl">
        Each bank and Payout run started in the last 90 days (the latest {RUNS_SHOWN}), oldest first: the payments it sent and
        their total. A run that failed says &ldquo;failed&rdquo; in its name and is drawn in red.
      </p>
      <ChartFigure id="chart-run-payments" title="Payments per run" svg={payments} legend={legend} table={table} />
      <ChartFigure id="chart-run-totals" title="Total per run" svg={totals} legend={legend} table={table} />
    </section>
  );
}
