import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { SqlTx } from "@/lib/db/pg-transaction";

/** A signed-in member of staff acting on something. */
export type StaffMember = { id: string; email: string; name: string };

export type AuditActor = { id: string; email: string } | { system: string };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/** Appends to the audit log inside the caller's transaction, so the record and the change land together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const actor = entry.actor;
  await tx.auditLog.create({
    data: {
      actorId: "id" in actor ? actor.id : null,
      actorLabel: "id" in actor ? actor.email : actor.system,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}

/**
 * recordAudit in raw SQL, for work on a pg transaction (withPgTransaction) as well as Prisma's: the
 * same row, written the same way.
 */
export async function recordAuditSql(tx: SqlTx, entry: AuditEntry): Promise<void> {
  const actor = entry.actor;
  const json = (value: Prisma.InputJsonValue | null | undefined) => (value == null ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("actorId", "actorLabel", action, "entityType", "entityId", before, after)
    VALUES (${"id" in actor ? actor.id : null}::uuid, ${"id" in actor ? actor.email : actor.system}, ${entry.action},
            ${entry.entityType}, ${entry.entityId ?? null}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb)`;
}
