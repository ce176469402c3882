import type { ReactNode } from "react";
import { Details } from "@/components/details";

export type LegendItem = { label: string; colour: string };

// One chart: its heading, a legend in words (the colours are never the only key), the SVG drawn by
// renderBarChart (lib/dashboards/charts/render-bar-chart.ts) and its numbers as a table, behind a
// GOV.UK details so that the page stays short. The SVG is Plot's own output, never text we built:
// that is why it may go in through dangerouslySetInnerHTML.
export function ChartFigure({
  id,
  title,
  description,
  svg,
  legend,
  table,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  svg: string | null;
  legend?: readonly LegendItem[];
  table: ReactNode;
}) {
  return (
    <figure className="mb-8" aria-labelledby={`${id}-title`} data-chart={id}>
      <h3 id={`${id}-title`} className="mb-2 text-xl font-bold">
        {title}
      </h3>
      {description && <div className="mb-3 max-w-3xl">{description}</div>}
      {svg === null ? (
        <p className="mb-4 text-secondary">Nothing to show yet.</p>
      ) : (
        <>
          {legend && legend.length > 1 && (
            <ul className="mb-2 flex list-none flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={`Key to ${title}`}>
              {legend.map((item) => (
                <li key={item.label} className="flex items-center gap-1">
                  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                    <rect width="14" height="14" fill={item.colour} />
                  </svg>
                  {item.label}
                </li>
              ))}
            </ul>
          )}
          <div className="chart-box" dangerouslySetInnerHTML={{ __html: svg }} />
        </>
      )}
      <Details summary="Show the numbers as a table">{table}</Details>
    </figure>
  );
}
