import type { Db } from "@/lib/db";

/**
 * Role grants waiting for a second admin, oldest first: who for, what, who proposed it and when.
 * `alsoDecidedBy` keeps on the list what that admin decided since then, so the outcome of their
 * decision stays on their screen when the page refreshes.
 */
export async function listPendingRoleGrants(db: Db, options: { alsoDecidedBy?: { userId: string; since: Date } } = {}) {
  const recent = options.alsoDecidedBy;
  const grants = await db.roleGrant.findMany({
    where: {
      OR: [{ status: "PENDING" }, ...(recent ? [{ decidedById: recent.userId, decidedAt: { gte: recent.since } }] : [])],
    },
    orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
    include: {
      user: { select: { id: true, name: true, email: true, awaitingApproval: true } },
      proposedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
    },
  });
  return grants.map((g) => ({
    id: g.id,
    userId: g.userId,
    status: g.status,
    user: { id: g.user.id, name: g.user.name, email: g.user.email },
    newAccount: g.previousRole === null,
    role: g.role,
    previousRole: g.previousRole,
    proposedById: g.proposedById,
    proposedBy: g.proposedBy.name,
    proposedAt: g.proposedAt,
    decidedBy: g.decidedBy?.name ?? null,
    decidedAt: g.decidedAt,
    decisionNote: g.decisionNote,
  }));
}

export type PendingRoleGrant = Awaited<ReturnType<typeof listPendingRoleGrants>>[number];
