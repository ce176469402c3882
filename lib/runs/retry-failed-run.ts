import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reopenRun } from "./reopen-run";
import { isRunLockConflict } from "./run-lock-conflict";
import { DEFAULT_LEASE_MS } from "./run-lease";
import type { AcquireResult } from "./acquire-run";

/**
 * The admin's "Retry" on a FAILED run: back to RUNNING with the same id and start time, so the
 * retry writes the same file names to the same keys and the write-once store recognises what the
 * first attempt already stored. Busy when another run of the kind is RUNNING.
 */
export async function retryFailedRun(options: {
  db: Db;
  runId: string;
  now: Date;
  triggeredBy: string;
  leaseMs?: number;
}): Promise<AcquireResult> {
  const { db, runId, now, triggeredBy } = options;
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("NOT_FOUND", `There is no run ${runId}`);
  if (run.status !== "FAILED") {
    throw new AppError("INVALID_STATE", `Run ${runId} is ${run.status.toLowerCase()}: only a failed run can be retried`);
  }
  try {
    const lease = await reopenRun({ db, run, from: "FAILED", now, triggeredBy, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS });
    if (lease) return { acquired: true, lease };
  } catch (error) {
    if (!isRunLockConflict(error)) throw error;
  }
  const holder = await db.run.findFirst({ where: { kind: run.kind, status: "RUNNING" }, select: { id: true } });
  return { acquired: false, runningRunId: holder?.id ?? null };
}
