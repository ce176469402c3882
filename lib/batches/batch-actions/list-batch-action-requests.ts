import type { Db } from "@/lib/db";

/**
 * Requests waiting for a second admin, oldest first, with what the batch is and who asked (for
 * some batches only, with `batchIds`). `alsoDecidedBy` keeps on the list what that admin decided
 * since then, so the outcome of their decision stays on their screen when the page refreshes.
 */
export async function listPendingBatchActions(
  db: Db,
  options: { batchIds?: string[]; alsoDecidedBy?: { userId: string; since: Date } } = {},
) {
  const recent = options.alsoDecidedBy;
  const requests = await db.batchActionRequest.findMany({
    where: {
      OR: [{ status: "PENDING" }, ...(recent ? [{ decidedById: recent.userId, decidedAt: { gte: recent.since } }] : [])],
      ...(options.batchIds ? { batchId: { in: options.batchIds } } : {}),
    },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    include: {
      requestedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
      batch: {
        select: {
          id: true,
          method: true,
          status: true,
          paymentCount: true,
          totalPence: true,
          createdAt: true,
          businessDate: true,
          sequenceNo: true,
        },
      },
    },
  });
  return requests.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    requestedById: r.requestedById,
    requestedBy: r.requestedBy.name,
    requestedAt: r.requestedAt,
    decidedBy: r.decidedBy?.name ?? null,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    batch: { ...r.batch, totalPence: Number(r.batch.totalPence) },
  }));
}

export type PendingBatchAction = Awaited<ReturnType<typeof listPendingBatchActions>>[number];
