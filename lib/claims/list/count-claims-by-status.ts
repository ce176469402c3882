import type { Db } from "@/lib/db";
import { ClaimStatus } from "@/lib/generated/prisma/enums";

export type ClaimCounts = {
  byStatus: Record<ClaimStatus, number>;
  /** Same rule as the list's "needs attention only" filter. */
  needsAttention: number;
  /** Same rule as the list's "assigned to me" filter: every status, not only open claims. */
  assignedToUser: number;
};

/** Rows beyond twice the number of groups (and this many more) are folded away after a read. */
const SPARE_ROWS = 100;

/**
 * The home page's numbers; each matches what its /claims link lists. They come from "ClaimCount",
 * which triggers on "Claim" keep exact (migration 20261128100000_claim_list_at_scale): one row per
 * change of a (status, needsAttention, assignedToId) group, summed here, so the cost is the number
 * of groups, not of claims. Counting "Claim" itself took hundreds of milliseconds at a million.
 */
export async function countClaimsByStatus(options: { db: Db; userId: string }): Promise<ClaimCounts> {
  const rows = await options.db.$queryRaw<
    { status: ClaimStatus; total: number; attention: number; assigned: number; rows: number; groups: number }[]
  >`
    SELECT status::text AS status,
      sum(claims)::int AS total,
      (coalesce(sum(claims) FILTER (WHERE "needsAttention"), 0))::int AS attention,
      (coalesce(sum(claims) FILTER (WHERE "assignedToId" = ${options.userId}::uuid), 0))::int AS assigned,
      count(*)::int AS rows,
      count(DISTINCT ("needsAttention", "assignedToId"))::int AS groups
    FROM "ClaimCount"
    GROUP BY status`;
  const byStatus = Object.fromEntries(Object.values(ClaimStatus).map((s) => [s, 0])) as Record<ClaimStatus, number>;
  let needsAttention = 0;
  let assignedToUser = 0;
  let rowCount = 0;
  let groupCount = 0;
  for (const row of rows) {
    byStatus[row.status] = row.total;
    needsAttention += row.attention;
    assignedToUser += row.assigned;
    rowCount += row.rows;
    groupCount += row.groups;
  }
  if (rowCount > 2 * groupCount + SPARE_ROWS) await compactClaimCounts(options.db);
  return { byStatus, needsAttention, assignedToUser };
}

/**
 * Folds "ClaimCount" into one row per group, in one statement: the rows this statement's snapshot
 * sees are deleted and their sums inserted, so the totals never change, for any reader. Rows that
 * writers add meanwhile are not seen, so not deleted, and are folded next time; two compactions at
 * once cannot fold a row twice (the second waits for the first's deletes, then skips those rows).
 * Returns the number of folded rows written (-1 if it gave way to a concurrent compaction).
 */
export async function compactClaimCounts(db: Db): Promise<number> {
  try {
    return await db.$executeRaw`
      WITH folded AS (
        DELETE FROM "ClaimCount" RETURNING status, "needsAttention", "assignedToId", claims
      )
      INSERT INTO "ClaimCount" (status, "needsAttention", "assignedToId", claims)
      SELECT status, "needsAttention", "assignedToId", sum(claims) FROM folded
      GROUP BY status, "needsAttention", "assignedToId"
      HAVING sum(claims) <> 0`;
  } catch {
    // Only tidying: the counts are exact without it, and the next read tries again. (Under
    // REPEATABLE READ, a compaction racing another one fails rather than waits.)
    return -1;
  }
}
