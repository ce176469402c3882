// `npm run bench -- [options]`: the command line, parsed and checked (pure).
import { parseArgs } from "node:util";

export const MEASUREMENTS = [
  "run",
  "sweep",
  "upload",
  "baseline",
  "claims-list",
  "hostile-uploads",
  "reconciliation",
  "cycle",
  "enrolment",
  "journey",
] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

export interface BenchOptions {
  /** Claims with payments for the run, the sweep and the upload. */
  n: number;
  /** Repetitions of each timed measurement, each on fresh data. */
  reps: number;
  /** Claims in the claims-list database (0: no claims-list measurement). */
  listClaims: number;
  /** Claim-list requests timed. */
  requests: number;
  /** Rows the row-by-row baseline updates (scaled to n). */
  baselineRows: number;
  seed: number;
  /** Where results.json goes, relative to the project. */
  out: string;
  /** A measurement still running after this long is stopped and reported as timed out. */
  stepTimeoutMinutes: number;
  /** Keep the bench databases afterwards (to look at them). */
  keep: boolean;
  only: Measurement[];
  help: boolean;
}

export const USAGE = `npm run bench -- [options]

  --n <rows>              claims with payments for the run, sweep and upload (default 100000)
  --reps <count>          repetitions of each measurement, each on fresh data (default 3)
  --list-claims <rows>    claims in the claims-list database, and payments in the journey's (default 1000000; 0 skips it)
  --requests <count>      claim-list requests timed (default 200)
  --baseline-rows <rows>  rows the row-by-row baseline updates, scaled to n (default 10000)
  --seed <number>         seed for the claim-list requests (default 1)
  --only <list>           some of ${MEASUREMENTS.join(",")} (default all)
  --step-timeout <min>    stop a measurement after this many minutes (default 30)
  --out <file>            results file (default bench/results.json)
  --keep                  keep the bench databases afterwards

Without DATABASE_URL it runs its own embedded PostgreSQL (.data/pg-bench, port 54349 or
BENCH_PG_PORT); with it, it creates and drops databases on that server, which must be local.`;

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const cleaned = value.replace(/[_,]/g, "");
  const n = /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      n: { type: "string" },
      reps: { type: "string" },
      "list-claims": { type: "string" },
      requests: { type: "string" },
      "baseline-rows": { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      "step-timeout": { type: "string" },
      out: { type: "string" },
      keep: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const only = values.only === undefined ? [...MEASUREMENTS] : values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((m) => !(MEASUREMENTS as readonly string[]).includes(m));
  if (unknown.length) throw new Error(`--only takes ${MEASUREMENTS.join(", ")}; unknown: ${unknown.join(", ")}`);
  const n = count("n", values.n, 100_000, 1);
  return {
    n,
    reps: count("reps", values.reps, 3, 1),
    listClaims: count("list-claims", values["list-claims"], 1_000_000, 0),
    requests: count("requests", values.requests, 200, 1),
    baselineRows: Math.min(n, count("baseline-rows", values["baseline-rows"], 10_000, 1)),
    seed: count("seed", values.seed, 1, 0),
    out: values.out ?? "bench/results.json",
    stepTimeoutMinutes: count("step-timeout", values["step-timeout"], 30, 1),
    keep: values.keep ?? false,
    only: only as Measurement[],
    help: values.help ?? false,
  };
}
