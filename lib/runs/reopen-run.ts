import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { RunKind } from "@/lib/generated/prisma/enums";
import { runActor } from "./run-actor";
import { leaseEnd, type RunLease } from "./run-lease";

// Continuing a run that stopped: a crashed worker's RUNNING run whose lease has run out, or a
// FAILED run. Either way the run keeps its id and start time (so its file names and storage keys),
// and the attempt number goes up so the old worker, if it is merely slow, can no longer write.
// The update is conditional on what the caller saw, so of several workers only one wins; reopening a
// FAILED run while another of the kind is RUNNING hits the run lock (a unique violation).

export interface SeenRun {
  id: string;
  kind: RunKind;
  startedAt: Date;
  attempts: number;
}

export async function reopenRun(options: {
  db: Db;
  run: SeenRun;
  from: "EXPIRED_LEASE" | "FAILED";
  now: Date;
  triggeredBy: string;
  leaseMs: number;
}): Promise<RunLease | null> {
  const { db, run, from, now, triggeredBy, leaseMs } = options;
  const attempt = run.attempts + 1;
  const won = await db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where:
        from === "FAILED"
          ? { id: run.id, status: "FAILED", attempts: run.attempts }
          : { id: run.id, status: "RUNNING", attempts: run.attempts, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
      data: { status: "RUNNING", attempts: attempt, leaseUntil: leaseEnd(now, leaseMs), finishedAt: null, error: null },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      actor: runActor(run.kind, triggeredBy),
      action: from === "FAILED" ? "run.retried" : "run.taken-over",
      entityType: "Run",
      entityId: run.id,
      before: { status: from === "FAILED" ? "FAILED" : "RUNNING", attempts: run.attempts },
      after: { status: "RUNNING", attempts: attempt },
    });
    return true;
  });
  if (!won) return null;
  return { runId: run.id, kind: run.kind, startedAt: run.startedAt, attempt, leaseMs, resumed: true };
}
