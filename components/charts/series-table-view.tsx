import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import type { SeriesTable } from "@/lib/dashboards/series-table";

// The table alternative of a stacked chart: a row per bar, a column per segment, drawn from the
// same SeriesTable as the chart, with the same labels, so every number of one is in the other.
export function SeriesTableView({
  caption,
  table,
  categoryHeading,
  categoryLabel,
  seriesLabel,
}: {
  caption: string;
  table: SeriesTable;
  categoryHeading: string;
  categoryLabel: (key: string) => string;
  seriesLabel: (key: string) => string;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>{categoryHeading}</Th>
          {table.series.map((s) => (
            <Th key={s} numeric>
              {seriesLabel(s)}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {table.categories.map((c, i) => (
          <Tr key={c}>
            <Th scope="row" className="font-normal">
              {categoryLabel(c)}
            </Th>
            {table.values[i].map((v, j) => (
              <Td key={table.series[j]} numeric>
                {v.toLocaleString("en-GB")}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
