import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { generateOneTimePassword } from "@/lib/auth/one-time-password";
import { hashPassword } from "@/lib/auth/password";
import { updateUser } from "./update-user";

/** Replaces the password with a one-time password (shown once) and clears any lock. */
export async function resetUserPassword(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
}): Promise<{ oneTimePassword: string }> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await updateUser({
    ...options,
    action: "user.password-reset",
    forbidSelf: "Use 'Change your password' for your own account.",
    change: async (user, tx) => {
      await tx.signInThrottle.deleteMany({ where: { email: user.email } });
      return { passwordHash, mustChangePassword: true };
    },
  });
  return { oneTimePassword };
}
