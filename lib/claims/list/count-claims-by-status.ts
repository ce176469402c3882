import type { Db } from "@/lib/db";
import { ClaimStatus } from "@/lib/generated/prisma/enums";

export type ClaimCounts = {
  byStatus: Record<ClaimStatus, number>;
  /** Same rule as the list's "needs attention only" filter. */
  needsAttention: number;
  /** Same rule as the list's "assigned to me" filter: every status, not only open claims. */
  assignedToUser: number;
};

/** The home page's numbers in one grouped pass over "Claim"; each matches what its /claims link lists. */
export async function countClaimsByStatus(options: { db: Db; userId: string }): Promise<ClaimCounts> {
  const rows = await options.db.$queryRaw<{ status: ClaimStatus; total: number; attention: number; assigned: number }[]>`
    SELECT status::text AS status,
      count(*)::int AS total,
      (count(*) FILTER (WHERE "needsAttention"))::int AS attention,
      (count(*) FILTER (WHERE "assignedToId" = ${options.userId}::uuid))::int AS assigned
    FROM "Claim"
    GROUP BY status`;
  const byStatus = Object.fromEntries(Object.values(ClaimStatus).map((s) => [s, 0])) as Record<ClaimStatus, number>;
  let needsAttention = 0;
  let assignedToUser = 0;
  for (const row of rows) {
    byStatus[row.status] = row.total;
    needsAttention += row.attention;
    assignedToUser += row.assigned;
  }
  return { byStatus, needsAttention, assignedToUser };
}
