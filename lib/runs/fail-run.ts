import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { RunLease } from "./run-lease";

/** Longer messages are cut; the run page shows the error and logs keep the rest. */
const MAX_ERROR_LENGTH = 2000;

/**
 * RUNNING -> FAILED with the error, only while this worker still holds the run: a stale worker
 * must not fail a run that another has taken over. The lock is released with it (the partial
 * unique index only covers RUNNING). Returns whether the run was failed.
 */
export async function failRun(options: {
  db: Db;
  lease: RunLease;
  error: unknown;
  now: Date;
  actor: AuditActor;
}): Promise<boolean> {
  const { db, lease, now, actor } = options;
  const message = errorMessage(options.error).slice(0, MAX_ERROR_LENGTH);
  return db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: lease.runId, status: "RUNNING", attempts: lease.attempt },
      data: { status: "FAILED", error: message, finishedAt: now, leaseUntil: null },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      actor,
      action: "run.failed",
      entityType: "Run",
      entityId: lease.runId,
      before: { status: "RUNNING", attempt: lease.attempt },
      after: { status: "FAILED", error: message },
    });
    return true;
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
