import type { AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RunKind } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { acquireRun, type AcquireResult } from "./acquire-run";
import { failRun } from "./fail-run";
import { loadRunSummary } from "./load-run-summary";
import { retryFailedRun } from "./retry-failed-run";
import { runActor, runKindLabel } from "./run-actor";
import type { Clock } from "./run-clock";
import { LeaseLostError, type RunLease } from "./run-lease";
import { busySummary, type RunSummary } from "./run-summary";

/**
 * A run of any kind from its lock to its summary (docs/runs.md#what-a-run-is): the run lock (a new
 * run, a crashed one taken over) or the admin's retry of a FAILED run of this kind; then the kind's
 * steps; on an error the run FAILED with it, unless another worker owns the run by now (this one
 * stalled past its lease), which answers BUSY: the run is in progress. The summary in every case.
 */
export async function executeRun(options: {
  db: Db;
  kind: RunKind;
  now: Date;
  clock: Clock;
  triggeredBy: string;
  retryRunId?: string;
  leaseMs?: number;
  steps: (run: { lease: RunLease; actor: AuditActor }) => Promise<void>;
  /** After the error failed the run (not when a step had already finished it), e.g. to raise an alert. */
  onFailed?: (run: { lease: RunLease; error: unknown }) => Promise<void>;
}): Promise<RunSummary> {
  const { db, kind, now, clock, triggeredBy, retryRunId, leaseMs } = options;
  if (retryRunId) {
    const run = await db.run.findUnique({ where: { id: retryRunId }, select: { kind: true } });
    if (run && run.kind !== kind) throw new AppError("INVALID_STATE", `Run ${retryRunId} is not a ${runKindLabel(kind)} run`);
  }
  const acquired: AcquireResult = retryRunId
    ? await retryFailedRun({ db, runId: retryRunId, now, triggeredBy, leaseMs })
    : await acquireRun({ db, kind, now, triggeredBy, leaseMs });
  if (!acquired.acquired) return busySummary(kind, acquired.runningRunId);
  const { lease } = acquired;
  const actor = runActor(kind, triggeredBy);

  try {
    await options.steps({ lease, actor });
  } catch (error) {
    if (error instanceof LeaseLostError) return busySummary(kind, lease.runId, error.message);
    // failRun does nothing when the step had already finished the run (a fault after the last step).
    const failed = await failRun({ db, lease, error, now: clock(), actor });
    if (failed) await options.onFailed?.({ lease, error });
    log.error(
      { err: error, runId: lease.runId, attempt: lease.attempt, failed },
      `${runKindLabel(kind)} run stopped with an error`,
    );
  }
  return loadRunSummary(db, lease.runId, { resumed: lease.resumed });
}
