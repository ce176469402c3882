import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { generateOneTimePassword } from "@/lib/auth/one-time-password";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit/record-audit";
import { isSystemUserEmail, SYSTEM_USER_DOMAIN } from "./system-users";
import { userSnapshot } from "./user-snapshot";

/** Creates a user with a one-time password, returned once for the admin to pass on. */
export async function createUser(options: {
  db: Db;
  actor: AuditActor;
  email: string;
  name: string;
  role: Role;
}): Promise<{ userId: string; oneTimePassword: string }> {
  const { db, actor, email, name, role } = options;
  if (isSystemUserEmail(email)) {
    const message = `Addresses at ${SYSTEM_USER_DOMAIN} are kept for the system's own accounts`;
    throw new AppError("VALIDATION", message, { email: [message] });
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      throw new AppError("CONFLICT", "A user with this email address already exists", {
        email: ["A user with this email address already exists"],
      });
    }
    const user = await tx.user.create({ data: { email, name, role, passwordHash, mustChangePassword: true } });
    await recordAudit(tx, { actor, action: "user.created", entityType: "User", entityId: user.id, after: userSnapshot(user) });
    return { userId: user.id, oneTimePassword };
  });
}
