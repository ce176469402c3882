import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateOneTimePassword, oneTimePasswordExpiry } from "@/lib/auth/one-time-password";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { isSystemUserEmail, SYSTEM_USER_DOMAIN } from "./system-users";
import { userSnapshot } from "./user-snapshot";

/**
 * The first admin, made on the server by `npm run create-admin` (there is nobody yet to approve a
 * grant): approved at once, with a one-time password printed once to whoever runs the command on
 * the server, valid for 72 hours and changed at first sign-in. Never reachable from the portal.
 */
export async function createBootstrapAdmin(options: { db: Db; email: string; name: string; now?: Date }): Promise<{
  userId: string;
  oneTimePassword: string;
}> {
  const { db, email, name } = options;
  const now = options.now ?? new Date();
  if (isSystemUserEmail(email)) {
    throw new AppError("VALIDATION", `Addresses at ${SYSTEM_USER_DOMAIN} are kept for the system's own accounts`);
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new AppError("CONFLICT", "A user with this email address already exists");
    }
    const user = await tx.user.create({
      data: {
        email,
        name,
        role: "ADMIN",
        passwordHash,
        mustChangePassword: true,
        passwordExpiresAt: oneTimePasswordExpiry(now),
      },
    });
    await recordAudit(tx, {
      actor: { system: "create-admin" },
      action: "user.created",
      entityType: "User",
      entityId: user.id,
      after: userSnapshot(user),
    });
    return { userId: user.id, oneTimePassword };
  });
}
