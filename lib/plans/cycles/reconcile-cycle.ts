import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cycleName } from "./approve-cycle";
import { recordCycleEvent } from "./cycle-events";
import { loadCycleReconciliation } from "./load-cycle-reconciliation";
import { statusWords } from "./rules/cycle-decisions";
import { describeReconciled, reconciliationView, type ReconciliationGroup } from "./rules/reconciliation";

// An accountant marks an approved cycle reconciled once none of its payments is NEW or SENT
// (docs/cycle-reconciliation.md#marking-a-cycle-reconciled). Nothing moves money here: the unpaid
// payments are carried by the next cycle built (or listed for action), as they would be anyway.
// The decision names the cycle version the page showed; the cycle row is locked, so two accountants
// reconciling at once make one reconciliation and the other is told the cycle changed. No payment
// needs locking: nothing moves a settled or unpaid payment back to NEW or SENT (only a SENT one can
// go back to NEW), so "none is NEW or SENT" cannot stop being true while this commits.

export type ReconcileOutcome = Record<ReconciliationGroup, { payments: number; totalPence: number }>;

export async function reconcileCycle(options: {
  db: PrismaClient;
  cycleId: string;
  expectedVersion: number;
  actor: StaffMember;
  now: Date;
}): Promise<ReconcileOutcome> {
  const { db, cycleId, actor, now } = options;
  return withPgTransaction(db, async (tx) => {
    const loaded = await loadCycleReconciliation(tx, cycleId, { lock: true });
    if (!loaded) throw new AppError("NOT_FOUND", "Payment cycle not found");
    const { cycle } = loaded;
    if (cycle.version !== options.expectedVersion) {
      throw new AppError(
        "STALE",
        `This cycle changed while you were looking at it (it is now ${statusWords(cycle.status)}). Nothing was changed: look at it again.`,
      );
    }
    const view = reconciliationView({ status: cycle.status, figures: loaded.figures, carryOverUnpaid: cycle.carryOverUnpaid });
    if (view.refusal) throw new AppError(view.refusal.code, view.refusal.message);

    await tx.$executeRaw`
      UPDATE "PaymentCycle"
      SET status = 'RECONCILED', "reconciledById" = ${actor.id}::uuid,
          "reconciledAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), version = version + 1
      WHERE id = ${cycleId}::uuid`;
    const outcome = Object.fromEntries(
      view.groups.map((g) => [g.group, { payments: g.payments, totalPence: g.totalPence }]),
    ) as ReconcileOutcome;
    await recordCycleEvent(tx, {
      cycleId,
      kind: "cycle.reconciled",
      summary: `Cycle reconciled: ${describeReconciled(outcome)}${view.unpaidWords ? ` ${view.unpaidWords}` : ""}`,
      detail: outcome,
      actor,
      now,
    });
    await recordAuditSql(tx, {
      actor,
      action: "cycle.reconciled",
      entityType: "PaymentCycle",
      entityId: cycleId,
      before: { status: cycle.status, version: cycle.version },
      after: { status: "RECONCILED", cycle: cycleName(cycle), ...outcome },
    });
    return outcome;
  });
}
