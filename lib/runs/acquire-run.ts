import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { BatchStatus, RunKind } from "@/lib/generated/prisma/enums";
import { reopenRun } from "./reopen-run";
import { runActor } from "./run-actor";
import { isRunLockConflict } from "./run-lock-conflict";
import { DEFAULT_LEASE_MS, leaseEnd, type RunLease } from "./run-lease";

/** After this many attempts a failed run waits for an admin's Retry (retryFailedRun has no limit). */
export const AUTO_RESUME_MAX_ATTEMPTS = 3;

/** A batch in one of these statuses holds payments its FAILED run must finish sending. */
const UNFINISHED_BATCH_STATUSES: Record<RunKind, BatchStatus[]> = {
  DIRECT_PAYMENTS: ["OPEN"],
  PAYOUT: ["OPEN", "STORED"],
};

export type AcquireResult = { acquired: true; lease: RunLease } | { acquired: false; runningRunId: string | null };

/**
 * Takes the run lock of a kind for the scheduler and "Run now". In order:
 * 1. a RUNNING run with a live lease: busy, someone is working on it;
 * 2. a RUNNING run past its lease: its worker crashed; take it over and finish it;
 * 3. a FAILED run with an unfinished batch: its payments are written into a batch but not sent, and
 *    no other run may take them, so finish that run before starting a new one. Unfinished is OPEN,
 *    and for Payout also STORED (the file is stored but its delivery failed; a DELIVERY_UNCERTAIN
 *    batch waits for an admin instead). Only for a few attempts: a run that keeps failing (a
 *    write-once conflict, a payment cancelled after it was written, a server that stays down)
 *    needs a person, and must not stop every later run; new runs leave its payments alone;
 * 4. otherwise start a new run, its start time frozen at `now`.
 * The partial unique index on RUNNING runs decides every race: the loser is told "busy".
 */
export async function acquireRun(options: {
  db: Db;
  kind: RunKind;
  now: Date;
  triggeredBy: string;
  leaseMs?: number;
}): Promise<AcquireResult> {
  const { db, kind, now, triggeredBy } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  try {
    const running = await db.run.findFirst({ where: { kind, status: "RUNNING" } });
    if (running) {
      if (running.leaseUntil !== null && running.leaseUntil > now) return busy(running.id);
      const lease = await reopenRun({ db, run: running, from: "EXPIRED_LEASE", now, triggeredBy, leaseMs });
      return lease ? { acquired: true, lease } : busy(running.id);
    }

    const unfinished = await db.run.findFirst({
      where: {
        kind,
        status: "FAILED",
        attempts: { lt: AUTO_RESUME_MAX_ATTEMPTS },
        batches: { some: { status: { in: UNFINISHED_BATCH_STATUSES[kind] } } },
      },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    });
    if (unfinished) {
      const lease = await reopenRun({ db, run: unfinished, from: "FAILED", now, triggeredBy, leaseMs });
      return lease ? { acquired: true, lease } : busy(unfinished.id);
    }

    const run = await db.$transaction(async (tx) => {
      const created = await tx.run.create({
        data: { kind, status: "RUNNING", startedAt: now, triggeredBy, leaseUntil: leaseEnd(now, leaseMs) },
      });
      await recordAudit(tx, {
        actor: runActor(kind, triggeredBy),
        action: "run.started",
        entityType: "Run",
        entityId: created.id,
        after: { kind, status: "RUNNING", startedAt: now.toISOString() },
      });
      return created;
    });
    return {
      acquired: true,
      lease: { runId: run.id, kind, startedAt: run.startedAt, attempt: run.attempts, leaseMs, resumed: false },
    };
  } catch (error) {
    if (!isRunLockConflict(error)) throw error;
    const holder = await db.run.findFirst({ where: { kind, status: "RUNNING" }, select: { id: true } });
    return busy(holder?.id ?? null);
  }
}

function busy(runningRunId: string | null): AcquireResult {
  return { acquired: false, runningRunId };
}
