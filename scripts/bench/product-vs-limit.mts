// What the benches of one product step against its limit (enrolment.mts, cycle.mts,
// reconciliation.mts) share: a template database prepared once, then, per repetition, the product
// and its limit each on a fresh copy of it, in a child process of its own (its *-step.mts, whose
// side is product-vs-limit-step.mts), their row counts compared, and the two-row table.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { root } from "../lib/run-command.mts";
import { baseName } from "./prepare.mts";
import { countDifferences, figures, formatTable, type PairFigures, type StepResult } from "./report.mts";
import type { BenchServer } from "./server.mts";
import { ratio, round } from "./stats.mts";

const RESULT_MARKER = "BENCH_RESULT ";

export type CountedPair = PairFigures & { n: number; checks: string[] };

/** What bench.mts gives each of these benches. */
export interface PairBenchOptions {
  server: BenchServer;
  n: number;
  reps: number;
  now: string;
  stepTimeoutMs: number;
  log: (m: string) => void;
}

let running: ChildProcess | undefined;

/** Stops the measurement in progress, if any (Ctrl-C). */
export function stopProductVsLimitStep(): void {
  if (running && running.exitCode === null && running.signalCode === null) running.kill("SIGKILL");
}

function runChild(script: string, input: { step: string; url: string }, timeoutMs: number): Promise<StepResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench", script)], {
      cwd: root,
      env: { ...process.env, BENCH_STEP_INPUT: JSON.stringify(input), DATABASE_URL: input.url, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running = child;
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
      if (line) return resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as StepResult);
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve({ ok: false, error: `${input.step}: the step ${why}: ${stderr.trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}

/**
 * Prepares the template (`prepare` says what it made, logged with the time it took), then measures
 * the product step `name` and its limit `${name}-limit` reps times each, interleaved.
 */
export async function measureProductVsLimit<Name extends string, Input extends { step: string; url: string }>(options: {
  server: BenchServer;
  name: Name;
  /** The child that runs one step, in scripts/bench. */
  script: string;
  /** Names the template (`${prefix}_${template}`) and the copies (`${prefix}_${copy}1`, …). */
  template: string;
  copy: string;
  n: number;
  reps: number;
  stepTimeoutMs: number;
  log: (m: string) => void;
  prepare: (url: string) => Promise<string>;
  /** Given, each step gets a fresh folder in it, removed after the step. */
  stepDirsIn?: string;
  input: (step: Name | `${Name}-limit`, url: string, workDir: string | undefined) => Input;
}): Promise<CountedPair> {
  const { server, name, n, reps, log } = options;
  const template = `${server.prefix}_${options.template}`;
  const started = Date.now();
  await server.create(template, baseName(server));
  try {
    const prepared = await options.prepare(server.url(template));
    log(`${prepared}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const results = { product: [] as StepResult[], limit: [] as StepResult[] };
    const checks = new Set<string>();
    let counter = 0;
    for (let rep = 1; rep <= reps; rep++) {
      // Product first on odd repetitions, limit first on even ones: drift hits both alike.
      for (const which of rep % 2 === 1 ? (["product", "limit"] as const) : (["limit", "product"] as const)) {
        const db = `${server.prefix}_${options.copy}${++counter}`;
        const workDir = options.stepDirsIn ? await mkdtemp(path.join(options.stepDirsIn, `${which}-`)) : undefined;
        try {
          await server.create(db, template);
          const step = which === "product" ? name : (`${name}-limit` as const);
          const result = await runChild(options.script, options.input(step, server.url(db), workDir), options.stepTimeoutMs);
          results[which].push(result);
          log(
            `rep ${rep}/${reps} ${step}: ${result.ok ? `${(result.ms / 1000).toFixed(2)} s, peak RSS ${Math.round(result.maxRssMB)} MB` : `failed: ${result.error}`}`,
          );
        } finally {
          await server.drop(db);
          if (workDir) await rm(workDir, { recursive: true, force: true });
        }
      }
      const [product, limit] = [results.product.at(-1)!, results.limit.at(-1)!];
      if (product.ok && limit.ok) countDifferences(name, product.counts, limit.counts).forEach((c) => checks.add(c));
    }
    const product = figures(results.product);
    const limit = figures(results.limit);
    return { product, limit, ratio: round(ratio(product.medianMs, limit.medianMs), 2), n, checks: [...checks] };
  } finally {
    await server.drop(template);
  }
}

/** "<heading> (median of k)", the product's row and its limit's, then any errors and differences. */
export function productVsLimitTable(pair: CountedPair, heading: string, productLabel: string): string {
  const s = (ms: number | null) => (ms === null ? "-" : `${(ms / 1000).toFixed(2)} s`);
  const mb = (v: number | null) => (v === null ? "-" : `${Math.round(v)} MB`);
  const rows = [
    [productLabel, s(pair.product.medianMs), mb(pair.product.peakRssMB), pair.ratio === null ? "-" : `${pair.ratio}x`],
    ["its limit", s(pair.limit.medianMs), mb(pair.limit.peakRssMB), ""],
  ];
  const notes = [...pair.product.errors, ...pair.limit.errors, ...pair.checks].map((e) => `  ! ${e}`);
  return [
    `${heading} (median of ${pair.product.runsMs.length})`,
    formatTable(["", "median", "peak RSS", "to limit"], rows),
    ...notes,
  ].join("\n");
}
