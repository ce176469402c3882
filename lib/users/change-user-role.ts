import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { roleLabels, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { proposeRoleGrant } from "./role-grants/propose-role-grant";
import { lockUserForChange } from "./update-user";

/**
 * Proposes the change: the role stays as it is until a second admin approves the grant
 * (lib/users/role-grants/decide-role-grant.ts), which then ends the user's sessions.
 */
export async function changeUserRole(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
  role: Role;
  now?: Date;
}): Promise<{ grantId: string; userName: string }> {
  const { db, actor, userId, role } = options;
  const now = options.now ?? new Date();
  if (actor.id === userId) throw new AppError("INVALID_STATE", "You cannot change your own role. Ask another administrator.");
  return db.$transaction(async (tx) => {
    const user = await lockUserForChange(tx, userId);
    if (!user.awaitingApproval && user.role === role) {
      const message = `${user.name}'s role is already ${roleLabels[role]}: choose a different role`;
      throw new AppError("VALIDATION", message, { role: [message] });
    }
    const { grantId } = await proposeRoleGrant(tx, { user, role, actor, now });
    return { grantId, userName: user.name };
  });
}
