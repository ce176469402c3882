import type { Db } from "@/lib/db";

export async function listUsers(db: Db, now: Date) {
  const [users, throttles] = await Promise.all([
    db.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] }),
    db.signInThrottle.findMany({ where: { lockedUntil: { gt: now } } }),
  ]);
  const locked = new Set(throttles.map((t) => t.email));
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    disabled: !!u.disabledAt,
    locked: locked.has(u.email),
    mustChangePassword: u.mustChangePassword,
    lastSignInAt: u.lastSignInAt,
  }));
}

export async function getUserForAdmin(db: Db, id: string, now: Date) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) return null;
  const throttle = await db.signInThrottle.findUnique({ where: { email: user.email } });
  const audit = await db.auditLog.findMany({
    where: { entityType: "User", entityId: id },
    orderBy: { id: "desc" },
    take: 50,
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: !!user.disabledAt,
    locked: !!throttle?.lockedUntil && throttle.lockedUntil > now,
    failedSignIns: throttle?.failures ?? 0,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    audit,
  };
}
