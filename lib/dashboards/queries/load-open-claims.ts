import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_CLAIM_STATUSES } from "@/lib/claims/list/open-claims";
import type { OpenClaimRow } from "../queue-ages";
import { londonDay } from "./sql-time";

/**
 * Open claims by status and London date received: an index-only read of (status, createdAt, …);
 * the working-day ages are worked out per date afterwards, not per claim.
 */
export async function loadOpenClaims(db: Db): Promise<OpenClaimRow[]> {
  const received = londonDay(Prisma.sql`"createdAt"`);
  return db.$queryRaw<OpenClaimRow[]>`
    SELECT status, ${received} AS "receivedOn", count(*)::int AS count
    FROM "Claim"
    WHERE status = ANY(${[...OPEN_CLAIM_STATUSES]}::"ClaimStatus"[])
    GROUP BY status, ${received}`;
}
