import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { lockCycleForDecision } from "./approve-cycle";
import { recordCycleEvent } from "./cycle-events";

// A second accountant sends the payroll back with a reason (docs/plans.md#maker-checker); its
// payments stay as they are until the payroll is rebuilt. The same people are refused as for approval.

export const CYCLE_REASON_MIN = 5;
export const CYCLE_REASON_MAX = 500;

export async function rejectCycle(options: {
  db: PrismaClient;
  cycleId: string;
  expectedVersion: number;
  reason: string;
  actor: StaffMember;
  now: Date;
}): Promise<void> {
  const { db, cycleId, actor, now } = options;
  const reason = options.reason.trim();
  if (reason.length < CYCLE_REASON_MIN || reason.length > CYCLE_REASON_MAX) {
    const message = `Enter the reason, in ${CYCLE_REASON_MIN} to ${CYCLE_REASON_MAX} characters`;
    throw new AppError("VALIDATION", message, { reason: [message] });
  }
  await withPgTransaction(db, async (tx) => {
    const cycle = await lockCycleForDecision(tx, { ...options, decision: "REJECT" });
    await tx.$executeRaw`
      UPDATE "PaymentCycle"
      SET status = 'REJECTED', "decidedById" = ${actor.id}::uuid,
          "decidedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), "rejectionReason" = ${reason},
          version = version + 1
      WHERE id = ${cycleId}::uuid`;
    await recordCycleEvent(tx, {
      cycleId,
      kind: "cycle.rejected",
      summary: `Cycle rejected: ${reason}`,
      detail: { payrollVersion: cycle.payrollVersion },
      actor,
      now,
    });
    await recordAuditSql(tx, {
      actor,
      action: "cycle.rejected",
      entityType: "PaymentCycle",
      entityId: cycleId,
      before: { status: "PENDING_APPROVAL", version: cycle.version },
      after: { status: "REJECTED", reason },
    });
  });
}
