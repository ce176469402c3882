import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { longDate } from "@/lib/dates/london-date";
import { withPgTransaction, type SqlTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { cycleScope, holdForPendingChanges } from "@/lib/plans/enrolments/beneficiary-holds";
import { recordCycleEvent } from "./cycle-events";
import { loadCycleState, type CycleState } from "./lock-cycle";
import { statusWords, whyCycleCannotBeDecided } from "./rules/cycle-decisions";

// A second accountant approves a cycle (docs/plans.md#maker-checker): every DRAFT payment becomes
// NEW in one movePayments call, ready for the bank and Payout runs. Refused to the payroll's makers
// and while a payment is still suspended. The decision names the cycle version its maker saw:
// two accountants approving at once make one approval (the row lock orders them; the second finds
// the version moved on).

/** The cycle, locked, at the version the decider saw and decidable by them; or a coded refusal. */
export async function lockCycleForDecision(
  tx: SqlTx,
  options: { cycleId: string; expectedVersion: number; actor: StaffMember; decision: "APPROVE" | "REJECT" },
): Promise<CycleState> {
  const cycle = await loadCycleState(tx, options.cycleId, { lock: true });
  if (!cycle) throw new AppError("NOT_FOUND", "Payment cycle not found");
  if (cycle.version !== options.expectedVersion) {
    throw new AppError(
      "STALE",
      `This cycle changed while you were looking at it (it is now ${statusWords(cycle.status)}). Nothing was changed: look at it again.`,
    );
  }
  const refusal = whyCycleCannotBeDecided(cycle, options.actor.id, options.decision);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  return cycle;
}

export function cycleName(cycle: Pick<CycleState, "planName" | "periodStart">): string {
  return `${cycle.planName} cycle from ${longDate(cycle.periodStart)}`;
}

export async function approveCycle(options: {
  db: PrismaClient;
  cycleId: string;
  expectedVersion: number;
  actor: StaffMember;
  now: Date;
}): Promise<{ released: number; held: number }> {
  const { db, cycleId, actor, now } = options;
  return withPgTransaction(db, async (tx) => {
    const cycle = await lockCycleForDecision(tx, { ...options, decision: "APPROVE" });
    const { count: released } = await movePayments(tx, {
      transition: "release-payroll",
      mover: "ACCOUNTANT",
      query: Prisma.sql`SELECT id FROM "Payment" WHERE "cycleId" = ${cycleId}::uuid AND status = 'DRAFT'`,
      detail: cycleName(cycle),
      actor,
      now,
    });
    // Held, as any other payment of the person would be, while new bank details or a new payment
    // method wait for a second plan manager (docs/plans.md#four-eyes-on-bank-details-and-payment-methods),
    // or a change of their name or address for a second caseworker (docs/people.md#name-and-address-changes).
    const holds = await holdForPendingChanges(tx, { scope: cycleScope(cycleId), actor, now, mover: "SYSTEM" });
    const held = holds.bankDetails + holds.paymentMethod + holds.personDetails;
    await tx.$executeRaw`
      UPDATE "PaymentCycle"
      SET status = 'APPROVED', "decidedById" = ${actor.id}::uuid,
          "decidedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), "rejectionReason" = NULL, version = version + 1
      WHERE id = ${cycleId}::uuid`;
    const words = `${released === 1 ? "1 payment is" : `${released.toLocaleString("en-GB")} payments are`} ready for the bank and Payout runs${held ? ` (${held} on hold)` : ""}.`;
    await recordCycleEvent(tx, {
      cycleId,
      kind: "cycle.approved",
      summary: `Cycle approved: ${words}`,
      detail: { released, held },
      actor,
      now,
    });
    await recordAuditSql(tx, {
      actor,
      action: "cycle.approved",
      entityType: "PaymentCycle",
      entityId: cycleId,
      before: { status: "PENDING_APPROVAL", version: cycle.version },
      after: { status: "APPROVED", released, held },
    });
    return { released, held };
  });
}
