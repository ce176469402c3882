// The one shape a stacked chart and its table alternative are both drawn from: categories (rows,
// the bars), series (columns, the segments) and a whole number for each pair. The page computes it
// once and hands the same object to the chart and to the table, so they cannot disagree.

export type SeriesTable = {
  categories: readonly string[];
  series: readonly string[];
  /** values[category][series]. */
  values: readonly (readonly number[])[];
};

/** A table with every category and series, all zeros: the gaps a query leaves stay zero. */
export function emptySeriesTable(
  categories: readonly string[],
  series: readonly string[],
): { categories: string[]; series: string[]; values: number[][] } {
  return { categories: [...categories], series: [...series], values: categories.map(() => series.map(() => 0)) };
}

export function seriesTotal(table: SeriesTable, seriesIndex: number): number {
  return table.values.reduce((sum, row) => sum + row[seriesIndex], 0);
}

export function tableTotal(table: SeriesTable): number {
  return table.values.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
}
