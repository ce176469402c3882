import type { Db, Tx } from "@/lib/db";
import type { RoleGrant } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { endUserSessions } from "@/lib/auth/sessions/session-store";
import { AppError } from "@/lib/errors";
import type { ActivationDelivery } from "../activation/activation-delivery";
import { ACTIVATION_TRANSACTION, issueActivation } from "../activation/issue-activation";
import { lockUserForChange } from "../update-user";
import { whyCannotDecideGrant } from "./role-grant-rules";

export async function lockGrant(tx: Tx, grantId: string): Promise<RoleGrant> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "RoleGrant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  if (!locked) throw new AppError("NOT_FOUND", "Role change not found");
  return tx.roleGrant.findUniqueOrThrow({ where: { id: grantId } });
}

export type RoleGrantDecision = {
  outcome: "APPROVED" | "REJECTED";
  userName: string;
  newAccount: boolean;
  /** Demo mode without Notify: the new account's activation link, to show once. */
  demoLink?: string;
};

/**
 * A second admin approves or rejects a pending role grant. Approved: the role applies (a role
 * change ends the user's sessions); a new account is approved and only then is its activation
 * link issued and emailed. Rejected: nothing changes (a new account stays unable to sign in).
 * The grant row is locked first, so two admins deciding at once decide it once.
 */
export async function decideRoleGrant(options: {
  db: Db;
  actor: AuditActor & { id: string };
  grantId: string;
  decision: "APPROVE" | "REJECT";
  note?: string;
  now: Date;
  delivery: ActivationDelivery;
  baseUrl: string;
}): Promise<RoleGrantDecision> {
  const { db, actor, grantId, decision, now, delivery, baseUrl } = options;
  const note = options.note?.trim() || null;
  return db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    const refusal = whyCannotDecideGrant(grant, actor.id);
    if (refusal) throw new AppError(grant.status === "PENDING" ? "FORBIDDEN" : "INVALID_STATE", refusal);
    const user = await lockUserForChange(tx, grant.userId);
    const newAccount = user.awaitingApproval;
    const status = decision === "APPROVE" ? "APPROVED" : "REJECTED";
    await tx.roleGrant.update({
      where: { id: grant.id },
      data: { status, decidedById: actor.id, decidedAt: now, decisionNote: note },
    });
    const audit = { grantId: grant.id, role: grant.role, previousRole: grant.previousRole, note };
    if (decision === "REJECT") {
      await recordAudit(tx, { actor, action: "role-grant.rejected", entityType: "User", entityId: user.id, after: audit });
      return { outcome: "REJECTED", userName: user.name, newAccount };
    }
    await tx.user.update({ where: { id: user.id }, data: { role: grant.role, awaitingApproval: false } });
    if (!newAccount) await endUserSessions(tx, user.id, now);
    await recordAudit(tx, {
      actor,
      action: "role-grant.approved",
      entityType: "User",
      entityId: user.id,
      before: { role: user.role, awaitingApproval: user.awaitingApproval },
      after: { ...audit, awaitingApproval: false },
    });
    if (!newAccount) return { outcome: "APPROVED", userName: user.name, newAccount };
    const issued = await issueActivation(tx, { user, purpose: "NEW_ACCOUNT", actor, now, baseUrl, delivery });
    return { outcome: "APPROVED", userName: user.name, newAccount, demoLink: issued.demoLink };
  }, ACTIVATION_TRANSACTION);
}
