// The child's side of product-vs-limit.mts: reads its input from BENCH_STEP_INPUT, runs the
// product step or its limit, counts the rows after it, and answers one line "BENCH_RESULT {json}"
// on stdout (a StepResult). Kept apart from product-vs-limit.mts so that the child loads no more
// than it measures.
import type pg from "pg";
import type { StepResult } from "./report.mts";
import { connect, type Measured } from "./step-support.mts";

const RESULT_MARKER = "BENCH_RESULT ";

async function measure<Input extends { step: string; url: string }>(options: {
  name: string;
  product: (input: Input) => Promise<Measured>;
  limit: (input: Input) => Promise<Measured>;
  counts: (client: pg.Client) => Promise<Record<string, number>>;
}): Promise<StepResult> {
  const { name } = options;
  const input = JSON.parse(process.env.BENCH_STEP_INPUT ?? "null") as Input | null;
  if (!input || (input.step !== name && input.step !== `${name}-limit`))
    throw new Error(`BENCH_STEP_INPUT names no ${name} step`);
  const measured = input.step === name ? await options.product(input) : await options.limit(input);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const client = await connect(input.url);
  const counts = await options.counts(client).finally(() => client.end());
  return { ok: true, ms: measured.ms, maxRssMB, startRssMB: measured.startRssMB, detail: measured.detail, counts };
}

const answer = (result: StepResult, code: number) =>
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(code));

/** Runs the step `name` (the product) or `${name}-limit` named in the input, then exits with its answer. */
export function runProductVsLimitStep<Input extends { step: string; url: string }>(
  options: Parameters<typeof measure<Input>>[0],
): void {
  measure(options).then(
    (result) => answer(result, 0),
    (error: unknown) =>
      answer({ ok: false, error: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim() }, 1),
  );
}
