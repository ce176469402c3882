import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderBarChart, type BarChartSpec } from "./render-bar-chart";

function parse(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return document.querySelector("svg")!;
}

const stacked: BarChartSpec = {
  label: "Bank payments by status, per day",
  xOrder: ["2026-11-01", "2026-11-02", "2026-11-03"],
  series: [
    { key: "Sent", colour: "#1d70b8" },
    { key: "Failed", colour: "#d4351c" },
  ],
  data: [
    { x: "2026-11-01", series: "Sent", value: 3 },
    { x: "2026-11-01", series: "Failed", value: 1 },
    { x: "2026-11-02", series: "Sent", value: 0 },
    { x: "2026-11-02", series: "Failed", value: 0 },
    { x: "2026-11-03", series: "Sent", value: 5 },
    { x: "2026-11-03", series: "Failed", value: 2 },
  ],
  valueLabel: "Payments",
  xTicks: ["2026-11-01", "2026-11-03"],
  xTickFormat: (x) => x.slice(8),
  describe: (d) => `${d.x}, ${d.series}: ${d.value}`,
};

describe("renderBarChart", () => {
  it("draws one bar per value, each carrying its own numbers, as a named image", () => {
    const svg = parse(renderBarChart(stacked));
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Bank payments by status, per day");
    const rects = [...svg.querySelectorAll("rect[data-value]")];
    expect(rects.map((r) => [r.getAttribute("data-x"), r.getAttribute("data-series"), r.getAttribute("data-value")])).toEqual([
      ["2026-11-01", "Sent", "3"],
      ["2026-11-01", "Failed", "1"],
      ["2026-11-02", "Sent", "0"],
      ["2026-11-02", "Failed", "0"],
      ["2026-11-03", "Sent", "5"],
      ["2026-11-03", "Failed", "2"],
    ]);
    expect(rects[5].querySelector("title")?.textContent).toBe("2026-11-03, Failed: 2");
    // Stacked: the failed segment of a day sits on top of its sent segment.
    expect(Number(rects[1].getAttribute("y")) + Number(rects[1].getAttribute("height"))).toBeCloseTo(
      Number(rects[0].getAttribute("y")),
    );
    // Only the ticks asked for are labelled, in the format given.
    const ticks = [...svg.querySelectorAll('g[data-part="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["01", "03"]);
    // The fills are the series' colours.
    expect(rects[0].closest("g")?.innerHTML).toContain("#1d70b8");
  });

  it("emits no <style> element and no style attribute (the CSP refuses both)", () => {
    const out = renderBarChart(stacked);
    expect(out).not.toMatch(/<style/i);
    expect(out).not.toMatch(/\sstyle=/i);
    expect(out).toContain('class="dashboard-chart"');
    // Only the chart itself is named: no ARIA name on its inner groups.
    expect(out.match(/aria-label=/g)).toHaveLength(1);
  });

  it("escapes text from data: a reason holding markup stays text", () => {
    const reason = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const out = renderBarChart({
      label: "Most common failure reasons",
      xOrder: [reason, "Account closed"],
      series: [{ key: "Failed", colour: "#d4351c" }],
      data: [
        { x: reason, series: "Failed", value: 4 },
        { x: "Account closed", series: "Failed", value: 2 },
      ],
      horizontal: true,
      valueLabel: "Failed payments",
      describe: (d) => `${d.x}: ${d.value}`,
    });
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;");
    const svg = parse(out);
    expect(svg.querySelectorAll("script, img")).toHaveLength(0);
    const first = svg.querySelector("rect[data-value]")!;
    expect(first.getAttribute("data-x")).toBe(reason);
    expect(first.querySelector("title")?.textContent).toBe(`${reason}: 4`);
  });

  it("plots a divided value but keeps the whole number on the bar", () => {
    const svg = parse(
      renderBarChart({
        label: "Totals",
        xOrder: ["Run 1"],
        series: [{ key: "Total", colour: "#1d70b8" }],
        data: [{ x: "Run 1", series: "Total", value: 437965 }],
        valueLabel: "Total (£)",
        divisor: 100,
        describe: (d) => `${d.x}: ${d.value}`,
      }),
    );
    expect(svg.querySelector("rect[data-value]")?.getAttribute("data-value")).toBe("437965");
    const yTicks = [...svg.querySelectorAll('g[data-part="y-axis tick label"] text')].map((t) => t.textContent);
    expect(yTicks.at(-1)).toMatch(/^4,?[0-9]00$/);
  });
});
