import type { Db, Tx } from "@/lib/db";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { endUserSessions } from "@/lib/auth/sessions/session-store";
import { AppError } from "@/lib/errors";
import { ACTIVATION_TRANSACTION } from "./activation/issue-activation";
import { isSystemUserEmail } from "./system-users";
import { userSnapshot } from "./user-snapshot";

/** The user under a row lock, refusing the system's own accounts (nobody signs in as them). */
export async function lockUserForChange(tx: Tx, userId: string): Promise<User> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  if (!locked) throw new AppError("NOT_FOUND", "User not found");
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  if (isSystemUserEmail(user.email)) {
    throw new AppError("INVALID_STATE", `${user.name} is a system account: nobody signs in as it, so it cannot be changed`);
  }
  return user;
}

/**
 * Shared shape of the admin's changes to a user: load under a row lock, refuse changes to the
 * admin's own account where they could lock everyone out, write, audit before and after, then
 * anything that must come last in the transaction (`lastStep`: sending an activation email).
 */
export async function updateUser<T = void>(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
  action: string;
  forbidSelf?: string;
  /** Ends the user's sessions too (password reset, disable): lib/auth/sessions. */
  endsSessions?: boolean;
  change: (user: User, tx: Tx) => Promise<Prisma.UserUpdateInput> | Prisma.UserUpdateInput;
  lastStep?: (user: User, tx: Tx) => Promise<T>;
}): Promise<{ user: User; last?: T }> {
  const { db, actor, userId, action, forbidSelf, endsSessions, change, lastStep } = options;
  if (forbidSelf && actor.id === userId) throw new AppError("INVALID_STATE", forbidSelf);
  return db.$transaction(async (tx) => {
    const before = await lockUserForChange(tx, userId);
    await tx.user.update({ where: { id: userId }, data: await change(before, tx) });
    if (endsSessions) await endUserSessions(tx, userId, new Date());
    const after = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await recordAudit(tx, {
      actor,
      action,
      entityType: "User",
      entityId: userId,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
    return { user: after, last: lastStep ? await lastStep(after, tx) : undefined };
  }, ACTIVATION_TRANSACTION);
}
