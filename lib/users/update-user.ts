import type { Db, Tx } from "@/lib/db";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { isSystemUserEmail } from "./system-users";
import { userSnapshot } from "./user-snapshot";

/**
 * Shared shape of the admin's changes to a user: load under a row lock, refuse changes to the
 * admin's own account where they could lock everyone out, write, audit before and after.
 */
export async function updateUser(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
  action: string;
  forbidSelf?: string;
  change: (user: User, tx: Tx) => Promise<Prisma.UserUpdateInput> | Prisma.UserUpdateInput;
}): Promise<User> {
  const { db, actor, userId, action, forbidSelf, change } = options;
  if (forbidSelf && actor.id === userId) throw new AppError("INVALID_STATE", forbidSelf);
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "User not found");
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (isSystemUserEmail(before.email)) {
      throw new AppError("INVALID_STATE", `${before.name} is a system account: nobody signs in as it, so it cannot be changed`);
    }
    const after = await tx.user.update({ where: { id: userId }, data: await change(before, tx) });
    await recordAudit(tx, {
      actor,
      action,
      entityType: "User",
      entityId: userId,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
    return after;
  });
}
