import type { Db } from "@/lib/db";
import { poolOf } from "@/lib/db/create-db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PASSWORD_CHANGE_LIMITED_MESSAGE, passwordChangeBudget } from "@/lib/auth/rate-limits";
import { endUserSessions } from "@/lib/auth/sessions/session-store";
import { AppError } from "@/lib/errors";

/**
 * The current password is a guess like any other: each attempt spends one of the user's few in 15
 * minutes (a success gives it back). A change ends the user's other sessions; the one that made it
 * carries on.
 */
export async function changeOwnPassword(options: {
  db: Db;
  actor: AuditActor & { id: string; sessionId?: string };
  currentPassword: string;
  newPassword: string;
  now?: Date;
}): Promise<void> {
  const { db, actor, currentPassword, newPassword } = options;
  const now = options.now ?? new Date();
  const budget = passwordChangeBudget(poolOf(db), actor.id);
  if (!(await budget.take())) throw new AppError("INVALID_STATE", PASSWORD_CHANGE_LIMITED_MESSAGE);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION", "Your current password is not correct", {
      currentPassword: ["Your current password is not correct"],
    });
  }
  await budget.giveBack();
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordExpiresAt: null },
    });
    await endUserSessions(tx, user.id, now, actor.sessionId);
    await recordAudit(tx, { actor, action: "user.password-changed", entityType: "User", entityId: user.id });
  });
}
