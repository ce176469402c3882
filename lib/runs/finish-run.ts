import type { SqlTx } from "@/lib/db/pg-transaction";
import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import type { RunLease } from "./run-lease";
import { warningsJson, type RunWarning } from "./run-warnings";

/**
 * RUNNING -> SUCCEEDED or EMPTY, inside the step's fenced transaction (runPgTransaction), so the
 * run only says it finished when the step's effects (payments SENT, files recorded) landed with it. The warnings already on the run stay in the database: `warnings`
 * replaces them, `moreWarnings` is appended to them there, and neither is read back.
 */
export async function finishRun(
  tx: SqlTx,
  lease: RunLease,
  outcome: {
    status: "SUCCEEDED" | "EMPTY";
    now: Date;
    actor: AuditActor;
    paymentCount: number;
    totalPence: number;
    heldCount?: number;
    warnings?: readonly RunWarning[];
    moreWarnings?: readonly RunWarning[];
  },
): Promise<void> {
  const { status, now, actor, paymentCount, totalPence, heldCount, warnings, moreWarnings } = outcome;
  const replace = warnings === undefined ? null : JSON.stringify(warningsJson(warnings));
  const append = JSON.stringify(warningsJson(moreWarnings ?? []));
  await tx.$executeRaw`
    UPDATE "Run"
    SET status = ${status}::"RunStatus", "finishedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
        "leaseUntil" = NULL, error = NULL, "paymentCount" = ${paymentCount}::int, "totalPence" = ${totalPence}::bigint,
        "heldCount" = coalesce(${heldCount ?? null}::int, "heldCount"),
        warnings = coalesce(${replace}::jsonb, warnings) || ${append}::jsonb
    WHERE id = ${lease.runId}::uuid`;
  await recordAuditSql(tx, {
    actor,
    action: status === "EMPTY" ? "run.empty" : "run.succeeded",
    entityType: "Run",
    entityId: lease.runId,
    before: { status: "RUNNING", attempt: lease.attempt },
    after: { status, paymentCount, totalPence },
  });
}
