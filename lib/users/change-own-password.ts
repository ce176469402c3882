import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

export async function changeOwnPassword(options: {
  db: Db;
  actor: AuditActor & { id: string };
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { db, actor, currentPassword, newPassword } = options;
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION", "Your current password is not correct", {
      currentPassword: ["Your current password is not correct"],
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await recordAudit(tx, { actor, action: "user.password-changed", entityType: "User", entityId: user.id });
  });
}
