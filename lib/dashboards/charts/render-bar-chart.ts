import * as Plot from "@observablehq/plot";
import { DOMParser } from "linkedom";

// Charts are drawn on the server, as SVG text, by Observable Plot on a linkedom document
// (docs/dashboards.md#how-a-chart-is-drawn). The portal's Content-Security-Policy refuses a
// <style> element without the nonce and every style="" attribute, and Plot always writes one
// <style> into its SVG: both are taken out here and the chart is styled by the page's own CSS
// (app/(portal)/dashboards/charts.css) through the class it is given. Text from data (a failure
// reason) reaches the SVG only as text nodes and attribute values, which linkedom escapes on
// serialisation; nothing here concatenates data into markup. The document is an SVG (XML) one:
// linkedom's HTML documents escape only the quote in attribute values, its XML ones also & < >.

/** One bar, or one segment of a stacked bar. */
export type BarDatum = {
  /** The category the bar stands on (a day, a run, an age band): the table alternative's row. */
  x: string;
  /** The stack the segment belongs to (a status): the table alternative's column. */
  series: string;
  /** A whole number: a count, pence, or tenths of a per cent (see `divisor`). */
  value: number;
};

export type BarChartSpec = {
  /** The chart's accessible name. */
  label: string;
  data: readonly BarDatum[];
  /** Categories in the order drawn, every one of them, so that an empty day still has its place. */
  xOrder: readonly string[];
  /** Series in stacking order (first at the bottom), with their fill colours. */
  series: readonly { key: string; colour: string }[];
  /** Horizontal bars (long category labels, like failure reasons). */
  horizontal?: boolean;
  /** The value axis's title. */
  valueLabel: string;
  /** Plotted value = value / divisor (100 for pence shown as pounds, 10 for tenths of a per cent). */
  divisor?: number;
  /** Category ticks to label (all when absent): a 90-day axis labels every 14th day. */
  xTicks?: readonly string[];
  /** Short text for a category tick (the category itself when absent). */
  xTickFormat?: (x: string) => string;
  /** The words for one bar in its tooltip, e.g. "3 Nov 2026, Paid: 4". */
  describe: (d: BarDatum) => string;
  width?: number;
  height?: number;
  marginLeft?: number;
  marginBottom?: number;
};

export const CHART_CLASS = "dashboard-chart";

/** The SVG of a bar chart (stacked when there are several series), with no <style> or style="". */
export function renderBarChart(spec: BarChartSpec): string {
  const document = new DOMParser().parseFromString('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml");
  const divisor = spec.divisor ?? 1;
  const rows = spec.data.map((d) => ({ ...d, plotted: d.value / divisor, tip: spec.describe(d) }));
  const seriesKeys = spec.series.map((s) => s.key);
  const colour = { domain: seriesKeys, range: spec.series.map((s) => s.colour), type: "ordinal" as const };
  const band = {
    domain: [...spec.xOrder],
    type: "band" as const,
    padding: 0.15,
    label: null,
    ...(spec.xTicks ? { ticks: [...spec.xTicks] } : {}),
    ...(spec.xTickFormat ? { tickFormat: spec.xTickFormat } : {}),
  };
  const value = { label: spec.valueLabel, grid: true, nice: true, zero: true };
  const stackOptions = { order: seriesKeys };
  const mark = spec.horizontal
    ? Plot.barX(rows, Plot.stackX({ y: "x", x: "plotted", fill: "series", title: "tip", ...stackOptions }))
    : Plot.barY(rows, Plot.stackY({ x: "x", y: "plotted", fill: "series", title: "tip", ...stackOptions }));
  const svg = Plot.plot({
    // Plot needs only createElementNS and friends, which linkedom's SVG document has.
    document: document as unknown as Document,
    className: CHART_CLASS,
    width: spec.width ?? 640,
    height: spec.height ?? 320,
    marginLeft: spec.marginLeft ?? 56,
    marginBottom: spec.marginBottom ?? 40,
    ariaLabel: spec.label,
    color: colour,
    ...(spec.horizontal ? { y: band, x: value } : { x: band, y: value }),
    marks: [mark, spec.horizontal ? Plot.ruleX([0]) : Plot.ruleY([0])],
  }) as unknown as Element;

  for (const style of svg.querySelectorAll("style")) style.remove();
  for (const styled of svg.querySelectorAll("[style]")) styled.removeAttribute("style");
  svg.removeAttribute("style");
  svg.setAttribute("role", "img");

  // Each bar carries its own numbers, so that a reader (and the end-to-end test) can check them
  // against the table alternative. Plot draws the rects in the data's order (no value is left out:
  // every value is a number); the tooltip text proves the pairing, and a mismatch is a bug.
  const rects = [...svg.querySelectorAll('g[aria-label="bar"] > rect')];
  if (rects.length !== rows.length) throw new Error(`renderBarChart: ${rects.length} bars drawn for ${rows.length} values`);
  rects.forEach((rect, i) => {
    const row = rows[i];
    if (rect.querySelector("title")?.textContent !== row.tip) throw new Error(`renderBarChart: bar ${i} is not "${row.tip}"`);
    rect.setAttribute("data-x", row.x);
    rect.setAttribute("data-series", row.series);
    rect.setAttribute("data-value", String(row.value));
  });
  // The chart is one image named by its aria-label; the names Plot gives its groups ("bar",
  // "x-axis tick") would be ARIA on elements with no role, so they are kept as data-part instead.
  for (const part of svg.querySelectorAll("[aria-label]")) {
    part.setAttribute("data-part", part.getAttribute("aria-label") ?? "");
    part.removeAttribute("aria-label");
  }
  return svg.outerHTML;
}
