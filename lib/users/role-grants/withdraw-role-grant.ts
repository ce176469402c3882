import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { lockGrant } from "./decide-role-grant";
import { whyCannotWithdrawGrant } from "./role-grant-rules";

/** The proposer takes back a pending grant; nothing else changes. */
export async function withdrawRoleGrant(options: {
  db: Db;
  actor: AuditActor & { id: string };
  grantId: string;
  now: Date;
}): Promise<{ userName: string }> {
  const { db, actor, grantId, now } = options;
  return db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    const refusal = whyCannotWithdrawGrant(grant, actor.id);
    if (refusal) throw new AppError(grant.status === "PENDING" ? "FORBIDDEN" : "INVALID_STATE", refusal);
    await tx.roleGrant.update({ where: { id: grant.id }, data: { status: "WITHDRAWN", decidedById: actor.id, decidedAt: now } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: grant.userId }, select: { name: true } });
    await recordAudit(tx, {
      actor,
      action: "role-grant.withdrawn",
      entityType: "User",
      entityId: grant.userId,
      after: { grantId: grant.id, role: grant.role },
    });
    return { userName: user.name };
  });
}
