import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { afterFailure, isLocked } from "./lockout";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { Role } from "./roles";

export type SignedInUser = { id: string; email: string; name: string; role: Role };
export type CredentialsResult = { ok: true; user: SignedInUser } | { ok: false; reason: "INVALID" | "LOCKED" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string },
  now: Date,
): Promise<CredentialsResult> {
  const email = normaliseEmail(input.email);
  const throttle = await db.signInThrottle.findUnique({ where: { email } });
  // A locked email is refused before the password is looked at, so guessing cannot go on.
  if (isLocked(throttle, now)) return { ok: false, reason: "LOCKED" };

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);

  if (user && passwordOk && !user.disabledAt) {
    await db.$transaction([
      db.signInThrottle.deleteMany({ where: { email } }),
      db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } }),
    ]);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  const next = afterFailure(throttle, now);
  await db.$transaction(async (tx) => {
    await tx.signInThrottle.upsert({
      where: { email },
      create: { email, failures: next.failures, lockedUntil: next.lockedUntil },
      update: { failures: next.failures, lockedUntil: next.lockedUntil },
    });
    if (next.lockedNow) {
      await recordAudit(tx, {
        actor: { system: "sign-in" },
        action: "user.locked",
        entityType: "User",
        entityId: user?.id ?? null,
        after: { email, lockedUntil: next.lockedUntil?.toISOString() ?? null },
      });
    }
  });
  return { ok: false, reason: next.lockedNow ? "LOCKED" : "INVALID" };
}
