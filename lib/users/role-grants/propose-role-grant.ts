import type { Tx } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/roles";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

/**
 * A pending role grant for the user (locked by the caller): nothing changes until a second admin
 * approves it. One pending grant per user at a time, so what the second admin approves is what
 * was proposed. A grant for an account still waiting for approval is a new account's (no
 * previous role).
 */
export async function proposeRoleGrant(
  tx: Tx,
  options: { user: User; role: Role; actor: AuditActor & { id: string }; now: Date },
): Promise<{ grantId: string }> {
  const { user, role, actor, now } = options;
  const pending = await tx.roleGrant.findFirst({ where: { userId: user.id, status: "PENDING" } });
  if (pending) {
    throw new AppError(
      "CONFLICT",
      `A role change for ${user.name} is already waiting for a second administrator. It must be approved, rejected or withdrawn first.`,
    );
  }
  const previousRole = user.awaitingApproval ? null : user.role;
  const grant = await tx.roleGrant.create({
    data: { userId: user.id, role, previousRole, proposedById: actor.id, proposedAt: now },
  });
  await recordAudit(tx, {
    actor,
    action: "role-grant.proposed",
    entityType: "User",
    entityId: user.id,
    after: { grantId: grant.id, role, previousRole },
  });
  return { grantId: grant.id };
}
