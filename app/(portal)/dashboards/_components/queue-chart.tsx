import { ChartFigure } from "@/components/charts/chart-figure";
import { CLAIM_STATUS_COLOURS } from "@/components/charts/chart-colours";
import { SeriesTableView } from "@/components/charts/series-table-view";
import { statusLabel } from "@/components/status";
import { plural } from "@/lib/plural";
import { renderBarChart } from "@/lib/dashboards/charts/render-bar-chart";
import { seriesData } from "@/lib/dashboards/series-data";
import { tableTotal } from "@/lib/dashboards/series-table";
import type { Dashboards } from "@/lib/dashboards/load-dashboards";

const claimStatus = (s: string) => statusLabel(s, "claim");
const same = (s: string) => s;

export function QueueChart({ data }: { data: NonNullable<Dashboards["caseworkerQueue"]> }) {
  const total = tableTotal(data);
  const svg =
    total === 0
      ? null
      : renderBarChart({
          label: "Open claims by age in working days and status: bar chart",
          ...seriesData(data, same, claimStatus),
          series: data.series.map((s) => ({ key: claimStatus(s), colour: CLAIM_STATUS_COLOURS[s] ?? "#6f777b" })),
          valueLabel: "Open claims",
          height: 300,
          // "11 to 20 working days, past target" -> "11 to 20, past target" under the bar.
          xTickFormat: (x) => x.replace(/ working days?/, ""),
          describe: (d) => `${d.x}, ${d.series}: ${d.value.toLocaleString("en-GB")}`,
        });
  return (
    <section aria-labelledby="queue-heading" className="mb-10">
      <h2 id="queue-heading" className="mb-2 text-2xl font-bold">
        Caseworker queue
      </h2>
      <p className="mb-4 max-w-3xl">
        Open claims by status and by age: working days since the claim was received, as the claim list counts them. The target is{" "}
        {plural(data.target, "working day")}; {plural(data.pastTarget, "open claim")} {data.pastTarget === 1 ? "is" : "are"} past
        it, of {total.toLocaleString("en-GB")}.
      </p>
      <ChartFigure
        id="chart-queue"
        title="Open claims by age and status"
        svg={svg}
        legend={data.series.map((s) => ({ label: claimStatus(s), colour: CLAIM_STATUS_COLOURS[s] ?? "#6f777b" }))}
        table={
          <SeriesTableView
            caption="Open claims by age and status"
            table={data}
            categoryHeading="Age"
            categoryLabel={same}
            seriesLabel={claimStatus}
          />
        }
      />
    </section>
  );
}
