import type pg from "pg";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { afterWrongPassword, beforeCheck, lockEnd, type Attempt } from "./lockout";
import { dummyPasswordHash, verifyPassword } from "./password";
import { signInIpBudget, type Budget } from "./rate-limits";
import type { Role } from "./roles";

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };
export type CredentialsResult =
  { ok: true; user: SignedInUser } | { ok: false; reason: "INVALID" | "LOCKED" | "RATE_LIMITED" | "EXPIRED" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Numbers this attempt for the email in one statement, before the password is looked at: attempts
 * sent at once each get their own number, so no more than the allowance is ever checked. An expired
 * lock starts a fresh run.
 */
async function numberAttempt(db: Db, email: string, now: Date): Promise<Attempt> {
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" (email, failures, "lockedUntil", "updatedAt") VALUES (${email}, 1, NULL, ${now})
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN "SignInThrottle"."lockedUntil" <= ${now} THEN 1 ELSE "SignInThrottle".failures + 1 END,
      "lockedUntil" = CASE WHEN "SignInThrottle"."lockedUntil" <= ${now} THEN NULL ELSE "SignInThrottle"."lockedUntil" END,
      "updatedAt" = ${now}
    RETURNING failures, "lockedUntil"`;
  return { number: row.failures, lockedUntil: row.lockedUntil };
}

/** Sets the lock unless one is already set; audits only the statement that set it. */
async function lock(db: Db, email: string, userId: string | null, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const until = lockEnd(now);
    const set = await tx.$executeRaw`
      UPDATE "SignInThrottle" SET "lockedUntil" = ${until}, "updatedAt" = ${now}
      WHERE email = ${email} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})`;
    if (set === 0) return;
    await recordAudit(tx, {
      actor: { system: "sign-in" },
      action: "user.locked",
      entityType: "User",
      entityId: userId,
      after: { email, lockedUntil: until.toISOString() },
    });
  });
}

export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string },
  now: Date,
  from?: { pool: pg.Pool; ip: string | null },
): Promise<CredentialsResult> {
  const email = normaliseEmail(input.email);
  // Bursts across many emails from one address: each attempt spends a point, a success gives it back.
  const ipBudget: Budget | null = from?.ip ? signInIpBudget(from.pool, from.ip) : null;
  if (ipBudget && !(await ipBudget.take())) return { ok: false, reason: "RATE_LIMITED" };

  const attempt = await numberAttempt(db, email, now);
  const user = await db.user.findUnique({ where: { email } });
  if (beforeCheck(attempt, now) === "LOCKED") {
    if (!attempt.lockedUntil) await lock(db, email, user?.id ?? null, now);
    return { ok: false, reason: "LOCKED" };
  }

  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (user && passwordOk && !user.disabledAt && !user.awaitingApproval) {
    await db.$transaction([
      db.signInThrottle.deleteMany({ where: { email } }),
      db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } }),
    ]);
    await ipBudget?.giveBack();
    // A one-time password that has expired proves nothing any more (the right password, so the
    // count is reset, but no session).
    if (user.passwordExpiresAt && user.passwordExpiresAt <= now) return { ok: false, reason: "EXPIRED" };
    return {
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    };
  }

  const { lockedUntil } = afterWrongPassword(attempt, now);
  if (lockedUntil) {
    await lock(db, email, user?.id ?? null, now);
    return { ok: false, reason: "LOCKED" };
  }
  return { ok: false, reason: "INVALID" };
}
