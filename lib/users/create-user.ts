import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { assertCanDeliver, type ActivationDelivery } from "./activation/activation-delivery";
import { unusablePasswordHash } from "./activation/unusable-password";
import { proposeRoleGrant } from "./role-grants/propose-role-grant";
import { isSystemUserEmail, SYSTEM_USER_DOMAIN } from "./system-users";
import { userSnapshot } from "./user-snapshot";

/**
 * Creating an account is a role grant: the user is made waiting for approval (they cannot sign in)
 * with no password anyone knows, and a pending grant of the role. When a second admin approves
 * it, the activation link goes to the user's own email (lib/users/role-grants/decide-role-grant.ts).
 * Refused at once when that link could not be delivered (production without Notify).
 */
export async function createUser(options: {
  db: Db;
  actor: AuditActor & { id: string };
  email: string;
  name: string;
  role: Role;
  delivery: ActivationDelivery;
  now?: Date;
}): Promise<{ userId: string; grantId: string }> {
  const { db, actor, email, name, role, delivery } = options;
  const now = options.now ?? new Date();
  if (isSystemUserEmail(email)) {
    const message = `Addresses at ${SYSTEM_USER_DOMAIN} are kept for the system's own accounts`;
    throw new AppError("VALIDATION", message, { email: [message] });
  }
  assertCanDeliver(delivery);
  const passwordHash = await unusablePasswordHash();
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      throw new AppError("CONFLICT", "A user with this email address already exists", {
        email: ["A user with this email address already exists"],
      });
    }
    const user = await tx.user.create({
      data: { email, name, role, passwordHash, awaitingApproval: true, mustChangePassword: false },
    });
    await recordAudit(tx, { actor, action: "user.created", entityType: "User", entityId: user.id, after: userSnapshot(user) });
    const { grantId } = await proposeRoleGrant(tx, { user, role, actor, now });
    return { userId: user.id, grantId };
  });
}
