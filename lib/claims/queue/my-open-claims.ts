import type { Db } from "@/lib/db";

// "My open claims" on a caseworker's home page: claims assigned to them that wait on them, NEW and
// UPDATED (docs/caseworker-queue.md#my-open-claims). A claim waiting for the claimant
// (INFORMATION_REQUESTED) or for a second caseworker is assigned to them but not theirs to move,
// and a decided claim is done: neither is counted.

export const MY_OPEN_STATUSES = ["NEW", "UPDATED"] as const;
export type MyOpenStatus = (typeof MY_OPEN_STATUSES)[number];

export type QueueClaim = { reference: string; claimantName: string; status: string; receivedAt: Date };

export type MyOpenClaims = { counts: Record<MyOpenStatus, number>; oldest: QueueClaim[] };

/** Counts by status and the oldest few, read on the (assignedToId, status) index. */
export async function listMyOpenClaims(options: { db: Db; userId: string; oldest?: number }): Promise<MyOpenClaims> {
  const { db, userId, oldest = 5 } = options;
  const [counts, rows] = await Promise.all([
    db.claim.groupBy({
      by: ["status"],
      where: { assignedToId: userId, status: { in: [...MY_OPEN_STATUSES] } },
      _count: { _all: true },
    }),
    db.claim.findMany({
      where: { assignedToId: userId, status: { in: [...MY_OPEN_STATUSES] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: oldest,
      select: { reference: true, status: true, createdAt: true, claimant: { select: { firstName: true, lastName: true } } },
    }),
  ]);
  const byStatus: Record<MyOpenStatus, number> = { NEW: 0, UPDATED: 0 };
  for (const row of counts) byStatus[row.status as MyOpenStatus] = row._count._all;
  return {
    counts: byStatus,
    oldest: rows.map((r) => ({
      reference: r.reference,
      claimantName: `${r.claimant.firstName} ${r.claimant.lastName}`,
      status: r.status,
      receivedAt: r.createdAt,
    })),
  };
}
