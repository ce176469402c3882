import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";

// A payment cycle's timeline (PaymentCycleEvent): every step of its life, in the caller's
// transaction, beside the audit record of the same step.

export type CycleEventKind =
  | "cycle.created"
  | "cycle.suspended-approved"
  | "cycle.suspended-rejected"
  | "cycle.approved"
  | "cycle.rejected"
  | "cycle.rebuilt"
  | "cycle.reconciled"
  /** Written set-based by the failed-payments upload (lib/direct-payments/failed-payments). */
  | "cycle.late-failure";

export async function recordCycleEvent(
  tx: SqlTx,
  event: {
    cycleId: string;
    kind: CycleEventKind;
    summary: string;
    detail?: Record<string, unknown>;
    actor: AuditActor;
    now: Date;
  },
): Promise<void> {
  const actorId = "id" in event.actor ? event.actor.id : null;
  const actorLabel = "id" in event.actor ? event.actor.email : event.actor.system;
  await tx.$executeRaw`
    INSERT INTO "PaymentCycleEvent" ("cycleId", at, "actorId", "actorLabel", kind, summary, detail)
    VALUES (${event.cycleId}::uuid, (${event.now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${actorId}::uuid,
            ${actorLabel}, ${event.kind}, ${event.summary}, ${event.detail ? JSON.stringify(event.detail) : null}::jsonb)`;
}
