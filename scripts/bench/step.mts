// One measurement in a process of its own, so the peak resident set it reports
// (process.resourceUsage().maxRSS) is this step's alone. Started by spawn-step.mts with its input
// as JSON in BENCH_STEP_INPUT; answers one line "BENCH_RESULT {json}" on stdout (a StepResult).
// Only the step's own module is imported, after the input is read.
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import type { StepResult } from "./report.mts";
import { connect, STEPS, tableCounts, type Measured, type StepInput } from "./step-support.mts";

const RESULT_MARKER = "BENCH_RESULT ";

async function measure(input: StepInput): Promise<Measured> {
  switch (input.step) {
    case "run":
      return (await import("./measure-run.mts")).runProduct(input);
    case "run-limit":
      return (await import("./measure-run.mts")).runLimit(input);
    case "sweep":
      return (await import("./measure-sweep.mts")).sweepProduct(input);
    case "sweep-limit":
      return (await import("./measure-sweep.mts")).sweepLimit(input);
    case "upload":
      return (await import("./measure-upload.mts")).uploadProduct(input);
    case "upload-limit":
      return (await import("./measure-upload.mts")).uploadLimit(input);
    case "baseline":
      return (await import("./measure-baseline.mts")).uploadBaseline(input);
    case "claims-list":
      return claimsList(input);
  }
}

/** The claims-list engineer's benchmark (scripts/bench/claims-list.mts), called by its agreed signature. */
async function claimsList(input: StepInput): Promise<Measured> {
  const { benchClaimsList } = await import("./claims-list.mts");
  const db = createDb(input.url);
  try {
    const startRssMB = process.memoryUsage().rss / 1024 / 1024;
    const started = performance.now();
    const result = await benchClaimsList(db, { requests: input.requests ?? 200, seed: input.seed ?? 1 });
    return { ms: performance.now() - started, startRssMB, detail: { ...result } };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

async function main(): Promise<StepResult> {
  const input = JSON.parse(process.env.BENCH_STEP_INPUT ?? "null") as StepInput | null;
  if (!input || !(STEPS as readonly string[]).includes(input.step)) throw new Error("BENCH_STEP_INPUT names no step");
  const measured = await measure(input);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  let counts: Record<string, number> | undefined;
  if (input.step !== "claims-list" && input.step !== "baseline") {
    const client = await connect(input.url);
    counts = await tableCounts(client).finally(() => client.end());
  }
  return { ok: true, ms: measured.ms, maxRssMB, startRssMB: measured.startRssMB, detail: measured.detail, counts };
}

const answer = (result: StepResult, code: number) =>
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(code));

main().then(
  (result) => answer(result, 0),
  (error: unknown) =>
    answer({ ok: false, error: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim() }, 1),
);
