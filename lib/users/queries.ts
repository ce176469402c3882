import type { Db } from "@/lib/db";

export async function listUsers(db: Db, now: Date) {
  const [users, throttles, pending] = await Promise.all([
    db.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] }),
    db.signInThrottle.findMany({ where: { lockedUntil: { gt: now } } }),
    db.roleGrant.findMany({ where: { status: "PENDING" }, select: { userId: true, role: true } }),
  ]);
  const locked = new Set(throttles.map((t) => t.email));
  const pendingRole = new Map(pending.map((g) => [g.userId, g.role]));
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    disabled: !!u.disabledAt,
    locked: locked.has(u.email),
    mustChangePassword: u.mustChangePassword,
    awaitingApproval: u.awaitingApproval,
    pendingRole: pendingRole.get(u.id) ?? null,
    lastSignInAt: u.lastSignInAt,
  }));
}

export async function getUserForAdmin(db: Db, id: string, now: Date) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) return null;
  const [throttle, audit, pendingGrant] = await Promise.all([
    db.signInThrottle.findUnique({ where: { email: user.email } }),
    db.auditLog.findMany({
      where: { entityType: "User", entityId: id },
      orderBy: { id: "desc" },
      take: 50,
      include: { actor: { select: { name: true } } },
    }),
    db.roleGrant.findFirst({
      where: { userId: id, status: "PENDING" },
      include: { proposedBy: { select: { id: true, name: true } } },
    }),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: !!user.disabledAt,
    locked: !!throttle?.lockedUntil && throttle.lockedUntil > now,
    failedSignIns: throttle?.failures ?? 0,
    mustChangePassword: user.mustChangePassword,
    awaitingApproval: user.awaitingApproval,
    pendingRole: pendingGrant?.role ?? null,
    pendingGrant: pendingGrant
      ? {
          id: pendingGrant.id,
          userId: pendingGrant.userId,
          role: pendingGrant.role,
          previousRole: pendingGrant.previousRole,
          status: pendingGrant.status,
          proposedById: pendingGrant.proposedById,
          proposedBy: pendingGrant.proposedBy.name,
          proposedAt: pendingGrant.proposedAt,
        }
      : null,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    audit,
  };
}
