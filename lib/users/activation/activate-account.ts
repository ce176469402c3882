import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions/session-store";
import { AppError } from "@/lib/errors";
import { isSystemUserEmail } from "../system-users";
import { ACTIVATION_TOKEN_PATTERN, hashActivationToken } from "./activation-token";

/** The same words for an unknown, used or expired link: which of them it was is nobody's business. */
export const ACTIVATION_LINK_UNUSABLE = "This link has expired or has already been used. Ask an administrator for a new one.";

type Usable = { id: string; userId: string; purpose: "NEW_ACCOUNT" | "PASSWORD_RESET" };

function unusable(): AppError {
  return new AppError("INVALID_STATE", ACTIVATION_LINK_UNUSABLE);
}

/** For the page: whether the link can still be used, and for whom. Changes nothing. */
export async function loadActivation(db: Db, token: string, now: Date) {
  if (!ACTIVATION_TOKEN_PATTERN.test(token)) return null;
  const found = await db.userActivation.findUnique({
    where: { tokenHash: hashActivationToken(token) },
    include: { user: { select: { email: true, name: true, awaitingApproval: true } } },
  });
  if (!found || found.usedAt || found.expiresAt <= now || found.user.awaitingApproval) return null;
  return { purpose: found.purpose, email: found.user.email, name: found.user.name, expiresAt: found.expiresAt };
}

/**
 * The user sets their password with the link: it is used up (two submits at once: the row lock
 * lets one through), the password is set, any one-time password state cleared, every session of
 * the user ended, and the step audited. Nobody else ever held a working credential.
 */
export async function activateAccount(options: { db: Db; token: string; newPassword: string; now: Date }): Promise<{
  email: string;
}> {
  const { db, token, newPassword, now } = options;
  if (!ACTIVATION_TOKEN_PATTERN.test(token)) throw unusable();
  // A cheap look first: a dead link costs no password hashing (argon2 is slow on purpose).
  if (!(await loadActivation(db, token, now))) throw unusable();
  const tokenHash = hashActivationToken(token);
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const [activation] = await tx.$queryRaw<Usable[]>`
      SELECT id, "userId", purpose::text AS purpose FROM "UserActivation"
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > ${now}
      FOR UPDATE`;
    if (!activation) throw unusable();
    const user = await tx.user.findUniqueOrThrow({ where: { id: activation.userId } });
    if (user.awaitingApproval || isSystemUserEmail(user.email)) throw unusable();
    await tx.userActivation.update({ where: { id: activation.id }, data: { usedAt: now } });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordExpiresAt: null },
    });
    await tx.signInThrottle.deleteMany({ where: { email: user.email } });
    await endUserSessions(tx, user.id, now);
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: activation.purpose === "NEW_ACCOUNT" ? "user.activated" : "user.password-set-by-link",
      entityType: "User",
      entityId: user.id,
      after: { activationId: activation.id },
    });
    return { email: user.email };
  });
}
