import "server-only";
import { prisma } from "@/lib/db";
import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { AppError } from "@/lib/errors";
import type { RunSummary } from "@/lib/runs/run-summary";
import { runPayoutPaymentsNow } from "./run-payout-payments-now";

/** "Retry" of a FAILED run on /runs: the run of its own kind, direct payments or Payout. */
export async function retryFailedRunNow(options: { runId: string; triggeredBy: string; now: Date }): Promise<RunSummary> {
  const run = await prisma.run.findUnique({ where: { id: options.runId }, select: { kind: true } });
  if (!run) throw new AppError("NOT_FOUND", `There is no run ${options.runId}`);
  const retry = { triggeredBy: options.triggeredBy, now: options.now, retryRunId: options.runId };
  return run.kind === "PAYOUT" ? runPayoutPaymentsNow(retry) : runDirectPaymentsNow(retry);
}
