import type { BarDatum } from "./charts/render-bar-chart";
import type { SeriesTable } from "./series-table";

/** A SeriesTable as bars: one per category and series, named by the same labels as its table. */
export function seriesData(
  table: SeriesTable,
  categoryLabel: (key: string) => string,
  seriesLabel: (key: string) => string,
): { data: BarDatum[]; xOrder: string[] } {
  return {
    xOrder: table.categories.map(categoryLabel),
    data: table.categories.flatMap((c, i) =>
      table.series.map((s, j) => ({ x: categoryLabel(c), series: seriesLabel(s), value: table.values[i][j] })),
    ),
  };
}
