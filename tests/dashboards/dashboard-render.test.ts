// The dashboards as the server renders them, for an admin, from rows this file inserts: every
// chart is a named image with no inline style, every bar's numbers are in its table alternative
// and every table number is on a bar, and a failure reason holding markup stays text.
import { randomBytes, randomUUID } from "node:crypto";
import { parseHTML } from "linkedom";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { FailuresChart } from "@/app/(portal)/dashboards/_components/failures-chart";
import { PaymentsByStatus } from "@/app/(portal)/dashboards/_components/payments-by-status";
import { QueueChart } from "@/app/(portal)/dashboards/_components/queue-chart";
import { RunsChart } from "@/app/(portal)/dashboards/_components/runs-chart";
import { VouchersChart } from "@/app/(portal)/dashboards/_components/vouchers-chart";
import { dashboardsFor } from "@/lib/dashboards/dashboards-for-role";
import { loadDashboards, type Dashboards } from "@/lib/dashboards/load-dashboards";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-25T12:00:00Z");
const EVIL = `<script>alert("x")</script>Refer to payer & co`;

let html = "";
let data: Dashboards;

beforeAll(async () => {
  for (const [method, status, reason] of [
    ["BANK", "FAILED", EVIL],
    ["BANK", "FAILED", EVIL],
    ["BANK", "FAILED", "Account closed"],
    ["CASH", "SENT", null],
  ] as const) {
    const { claim, claimant } = await makeClaim(db(), key, { method });
    const p = await db().payment.create({
      data: {
        reference: `${claim.reference}-01`,
        personId: claimant.id,
        claimId: claim.id,
        method,
        amountPence: 1234,
        status,
        sentAt: new Date("2026-11-20T10:00:00Z"),
        voucherExpiresOn: method === "CASH" ? new Date("2026-11-27") : null,
      },
    });
    const h = (fromStatus: "NEW" | "SENT" | null, toStatus: "NEW" | "SENT" | "FAILED", at: string, r: string | null = null) =>
      db().paymentStatusHistory.create({
        data: {
          paymentId: p.id,
          moveId: randomUUID(),
          action: "test",
          fromStatus,
          toStatus,
          at: new Date(at),
          actorLabel: "test",
          reason: r,
        },
      });
    await h(null, "NEW", "2026-11-18T10:00:00Z");
    await h("NEW", "SENT", "2026-11-20T10:00:00Z");
    if (status === "FAILED") await h("SENT", "FAILED", "2026-11-24T10:00:00Z", reason);
  }
  await db().run.create({
    data: {
      kind: "DIRECT_PAYMENTS",
      status: "SUCCEEDED",
      startedAt: new Date("2026-11-20T00:00:00Z"),
      triggeredBy: "cron",
      paymentCount: 3,
      totalPence: 3702n,
    },
  });
  await db().run.create({
    data: { kind: "DIRECT_PAYMENTS", status: "FAILED", startedAt: new Date("2026-11-23T00:00:00Z"), triggeredBy: "cron" },
  });
  await makeClaim(db(), key, { status: "NEW" });
  data = await loadDashboards({ db: db(), charts: dashboardsFor("ADMIN"), now: NOW, holidays: new Set(), targetWorkingDays: 10 });
  html = renderToStaticMarkup(
    createElement("div", null, [
      createElement(PaymentsByStatus, { key: 1, data: data.paymentsByStatus! }),
      createElement(RunsChart, { key: 2, runs: data.runs! }),
      createElement(VouchersChart, { key: 3, data: data.vouchers! }),
      createElement(QueueChart, { key: 4, data: data.caseworkerQueue! }),
      createElement(FailuresChart, { key: 5, data: data.failures! }),
    ]),
  );
});

function doc() {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

/** A table cell's text as the whole number on the bar: counts, pence, tenths of a per cent. */
function cellNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, "");
  if (/^£-?[\d.]+$/.test(t)) return Math.round(Number(t.slice(1)) * 100);
  if (/^-?[\d.]+%$/.test(t)) return Math.round(Number(t.slice(0, -1)) * 10);
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

describe("the dashboards, rendered", () => {
  it("draws every chart as a named image with no <style> and no style attribute", () => {
    const figures = [...doc().querySelectorAll("figure[data-chart]")];
    expect(figures.map((f) => f.getAttribute("data-chart"))).toEqual([
      "chart-status-bank",
      "chart-status-cash",
      "chart-run-payments",
      "chart-run-totals",
      "chart-voucher-ages",
      "chart-voucher-expiry",
      "chart-queue",
      "chart-failure-rate",
      "chart-failure-reasons",
    ]);
    for (const f of figures) {
      const svg = f.querySelector("svg.dashboard-chart")!;
      expect(svg, f.getAttribute("data-chart")!).toBeTruthy();
      expect(svg.getAttribute("role")).toBe("img");
      expect(svg.getAttribute("aria-label")).toMatch(/chart/);
      expect(f.querySelector("details summary")?.textContent).toContain("Show the numbers as a table");
    }
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it("each chart's bars hold exactly the numbers of its table", () => {
    for (const f of doc().querySelectorAll("figure[data-chart]")) {
      const id = f.getAttribute("data-chart")!;
      const table = f.querySelector("table")!;
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent!.trim());
      const cells = new Map<string, number>();
      for (const tr of table.querySelectorAll("tbody tr")) {
        const row = tr.querySelector("th")!.textContent!.trim();
        [...tr.querySelectorAll("td")].forEach((td, i) => {
          const n = cellNumber(td.textContent!);
          if (n !== null) cells.set(`${row}|${heads[i + 1]}`, n);
        });
      }
      const bars = [...f.querySelectorAll("rect[data-value]")].map((r) => ({
        x: r.getAttribute("data-x")!,
        series: r.getAttribute("data-series")!,
        value: Number(r.getAttribute("data-value")),
      }));
      expect(bars.length, id).toBeGreaterThan(0);
      // A stacked chart's series are its table's columns; a one-measure chart's bars are one
      // column (the runs' series is their status, shown in a column of its own).
      const measure: Record<string, string> = {
        "chart-run-payments": "Payments",
        "chart-run-totals": "Total",
        "chart-failure-rate": "Failure rate",
      };
      const columnOf = (series: string) => (heads.includes(series) ? series : (measure[id] ?? heads[heads.length - 1]));
      const onBars = bars.map((bar) => {
        const k = `${bar.x}|${columnOf(bar.series)}`;
        expect(cells.get(k), `${id} ${k}`).toBe(bar.value);
        return k;
      });
      const inTable = [...cells.keys()].filter((k) => !measure[id] || k.endsWith(`|${measure[id]}`));
      expect(onBars.sort(), id).toEqual(inTable.sort());
    }
  });

  it("shows the figures it was given", () => {
    const d = doc();
    const reasons = d.querySelector('figure[data-chart="chart-failure-reasons"]')!;
    expect(
      [...reasons.querySelectorAll("rect[data-value]")].map((r) => [r.getAttribute("data-x"), r.getAttribute("data-value")]),
    ).toEqual([
      [EVIL, "2"],
      ["Account closed", "1"],
    ]);
    const runs = d.querySelector('figure[data-chart="chart-run-totals"]')!;
    expect(
      [...runs.querySelectorAll("rect[data-value]")].map((r) => [
        r.getAttribute("data-x"),
        r.getAttribute("data-series"),
        r.getAttribute("data-value"),
      ]),
    ).toEqual([
      ["Bank 20 Nov, 00:00", "Succeeded", "3702"],
      ["Bank 23 Nov, 00:00 failed", "Failed", "0"],
    ]);
    expect(d.querySelector('figure[data-chart="chart-run-totals"] tbody')?.textContent).toContain("£37.02");
    // The week of Monday 16 November: 3 sent, 0 failed; of 23 November: 0 sent, 3 failed (no rate).
    const rate = d.querySelector('figure[data-chart="chart-failure-rate"]')!;
    expect(rate.querySelector("tbody tr:last-child")?.textContent).toContain("None sent");
  });

  it("keeps a reason holding markup as text, in the chart and in the table", () => {
    expect(html).not.toContain("<script");
    expect(doc().querySelectorAll("script")).toHaveLength(0);
    expect(html).toContain("&lt;script&gt;");
  });
});
