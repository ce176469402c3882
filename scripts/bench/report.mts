// From the children's answers to results.json and the printed table (pure).
import { percentile, ratio, round, summarise, type Summary } from "./stats.mts";

/** What one measurement (one child process) answered. */
export type StepResult =
  | {
      ok: true;
      ms: number;
      /** The child's own peak resident set (process.resourceUsage().maxRSS). */
      maxRssMB: number;
      /** Its resident set just before the timed work: what the runtime and the imports take. */
      startRssMB: number;
      detail: Record<string, unknown>;
      /** Rows per table (and payments per status) after the step, to compare product and limit. */
      counts?: Record<string, number>;
    }
  | { ok: false; error: string };

export interface Figures extends Summary {
  peakRssMB: number | null;
  rssMB: number[];
  /** Each successful repetition's own account (counts, phases, files). */
  details: Record<string, unknown>[];
  errors: string[];
}

export interface PairFigures {
  product: Figures;
  limit: Figures;
  /** Product median over limit median. */
  ratio: number | null;
}

export interface ClaimsListFigures {
  claims: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  homeCountsMs: number;
  slowest: string;
  explain: string;
}

export interface Machine {
  cores: number;
  memoryMB: number;
  cpu: string;
  node: string;
  postgres: string;
  database: "embedded" | "DATABASE_URL";
}

export interface BenchInput {
  date: string;
  machine: Machine;
  n: number;
  reps: number;
  baselineRows: number;
  setupMs: Record<string, number>;
  pairs: Partial<Record<"run" | "sweep" | "upload", { product: StepResult[]; limit: StepResult[] }>>;
  baseline?: StepResult[];
  claimsList?: ClaimsListFigures | { error: string };
  /** Differences between what a product step and its limit wrote. */
  checks: string[];
}

export function figures(results: readonly StepResult[]): Figures {
  const ok = results.filter((r) => r.ok);
  const rss = ok.map((r) => r.maxRssMB);
  return {
    ...summarise(ok.map((r) => r.ms)),
    peakRssMB: rss.length ? Math.max(...rss) : null,
    rssMB: rss,
    details: ok.map((r) => ({ ...r.detail, startRssMB: round(r.startRssMB), ...(r.counts ? { rowsAfter: r.counts } : {}) })),
    errors: results.flatMap((r) => (r.ok ? [] : [r.error])),
  };
}

function pair(results: { product: StepResult[]; limit: StepResult[] }): PairFigures {
  const product = figures(results.product);
  const limit = figures(results.limit);
  return { product, limit, ratio: ratio(product.medianMs, limit.medianMs) };
}

/** The baseline's times, each scaled to n rows (its detail carries scaledMs). */
export function baselineFigures(results: readonly StepResult[]): Figures {
  const scaled = results.map((r): StepResult => (r.ok ? { ...r, ms: Number(r.detail.scaledMs) } : r));
  return figures(scaled);
}

export function buildResults(input: BenchInput) {
  const measurements = Object.fromEntries(Object.entries(input.pairs).map(([name, p]) => [name, pair(p!)])) as Partial<
    Record<"run" | "sweep" | "upload", PairFigures>
  >;
  const baseline = input.baseline ? baselineFigures(input.baseline) : undefined;
  const list = input.claimsList && "p95Ms" in input.claimsList ? input.claimsList : undefined;
  const r = (v: number | null) => round(v, 2);
  return {
    date: input.date,
    machine: input.machine,
    n: input.n,
    repetitions: input.reps,
    baselineRows: input.baselineRows,
    ratios: {
      runToLimit: r(measurements.run?.ratio ?? null),
      sweepToLimit: r(measurements.sweep?.ratio ?? null),
      uploadToLimit: r(measurements.upload?.ratio ?? null),
      baselineToUpload: r(ratio(baseline?.medianMs, measurements.upload?.product.medianMs)),
    },
    claimsListP95Ms: round(list?.p95Ms ?? null),
    homeCountsMs: round(list?.homeCountsMs ?? null),
    runPeakRssMB: round(measurements.run?.product.peakRssMB ?? null),
    uploadPeakRssMB: round(measurements.upload?.product.peakRssMB ?? null),
    measurements: { ...measurements, ...(baseline ? { baseline } : {}) },
    claimsList: input.claimsList ?? null,
    setupMs: input.setupMs,
    checks: input.checks,
  };
}

export type BenchResults = ReturnType<typeof buildResults>;

const ms = (v: number | null | undefined) =>
  v === null || v === undefined ? "-" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const mb = (v: number | null | undefined) => (v === null || v === undefined ? "-" : `${Math.round(v)} MB`);
const times = (v: number | null | undefined) => (v === null || v === undefined ? "-" : `${v.toFixed(v < 10 ? 2 : 1)}x`);

/** Columns padded to their widest cell; numbers right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const LABELS = { run: "direct-payments run", sweep: "PAID sweep", upload: "failed-payments upload" } as const;

export function resultsTable(results: BenchResults): string {
  const m = results.measurements;
  const rows: string[][] = [];
  for (const name of ["run", "sweep", "upload"] as const) {
    const p = m[name];
    if (!p) continue;
    rows.push([
      LABELS[name],
      ms(p.product.minMs),
      ms(p.product.medianMs),
      ms(p.limit.minMs),
      ms(p.limit.medianMs),
      times(p.ratio),
      mb(p.product.peakRssMB),
      mb(p.limit.peakRssMB),
    ]);
  }
  if (m.baseline) {
    rows.push([
      `row-by-row baseline (scaled)`,
      ms(m.baseline.minMs),
      ms(m.baseline.medianMs),
      "",
      "",
      "",
      mb(m.baseline.peakRssMB),
      "",
    ]);
  }
  const header = [
    "N = " + results.n.toLocaleString("en-GB"),
    "min",
    "median",
    "limit min",
    "limit median",
    "x limit",
    "peak RSS",
    "limit RSS",
  ];
  const out = [formatTable(header, rows)];
  const r = results.ratios;
  out.push(`baseline / upload: ${times(r.baselineToUpload)}`);
  const list = results.claimsList;
  if (list && "p95Ms" in list) {
    out.push(
      `claims list at ${list.claims.toLocaleString("en-GB")} claims, ${list.requests} requests: ` +
        `p50 ${ms(list.p50Ms)}, p95 ${ms(list.p95Ms)}, max ${ms(list.maxMs)}; home counts ${ms(list.homeCountsMs)}`,
    );
    out.push(`slowest: ${list.slowest}`);
  } else if (list) out.push(`claims list: ${list.error}`);
  const errorLines = (label: string, f?: Figures) => (f?.errors ?? []).map((e) => `${label} failed: ${e}`);
  for (const name of ["run", "sweep", "upload"] as const) {
    out.push(...errorLines(LABELS[name], m[name]?.product), ...errorLines(`${LABELS[name]} limit`, m[name]?.limit));
  }
  out.push(...errorLines("baseline", m.baseline));
  for (const c of results.checks) out.push(`check: ${c}`);
  return out.join("\n");
}

/** p50, p95 and max of request times, for the claims-list bench. */
export function latencies(timesMs: readonly number[]): { p50Ms: number; p95Ms: number; maxMs: number } {
  if (timesMs.length === 0) throw new Error("no request times");
  return { p50Ms: percentile(timesMs, 50)!, p95Ms: percentile(timesMs, 95)!, maxMs: Math.max(...timesMs) };
}

/** Tables where a product step and its limit left different numbers of rows: the limit must write what the product writes. */
export function countDifferences(label: string, product?: Record<string, number>, limit?: Record<string, number>): string[] {
  if (!product || !limit) return [];
  const keys = [...new Set([...Object.keys(product), ...Object.keys(limit)])].sort();
  return keys
    .filter((k) => (product[k] ?? 0) !== (limit[k] ?? 0))
    .map((k) => `${label}: ${k} has ${product[k] ?? 0} rows after the product, ${limit[k] ?? 0} after the limit`);
}
