import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { RunLease } from "./run-lease";
import { warningsJson, type RunWarning } from "./run-warnings";

/**
 * RUNNING -> SUCCEEDED or EMPTY, inside the step's fenced transaction (runTransaction), so the run
 * only says it finished when the step's effects (payments SENT, files recorded) landed with it.
 */
export async function finishRun(
  tx: Tx,
  lease: RunLease,
  outcome: {
    status: "SUCCEEDED" | "EMPTY";
    now: Date;
    actor: AuditActor;
    paymentCount: number;
    totalPence: number;
    heldCount?: number;
    warnings?: readonly RunWarning[];
  },
): Promise<void> {
  const { status, now, actor, paymentCount, totalPence, heldCount, warnings } = outcome;
  await tx.run.update({
    where: { id: lease.runId },
    data: {
      status,
      finishedAt: now,
      leaseUntil: null,
      error: null,
      paymentCount,
      totalPence: BigInt(totalPence),
      ...(heldCount === undefined ? {} : { heldCount }),
      ...(warnings === undefined ? {} : { warnings: warningsJson(warnings) }),
    },
  });
  await recordAudit(tx, {
    actor,
    action: status === "EMPTY" ? "run.empty" : "run.succeeded",
    entityType: "Run",
    entityId: lease.runId,
    before: { status: "RUNNING", attempt: lease.attempt },
    after: { status, paymentCount, totalPence },
  });
}
