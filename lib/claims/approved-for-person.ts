import type { Tx } from "@/lib/db";
import { secondApprovalWindowStart } from "./rules/second-approval";

/**
 * What the same person had approved on their other claims in the 30 days up to `now` (approved
 * line amounts of claims first approved since then: APPROVED ones, those waiting for a second
 * caseworker, and approved ones waiting for new bank details after a failed payment).
 *
 * The person's row is locked first, for the rest of the transaction: two approvals for the same
 * person at once then run one after the other, and the second one's sum (a new statement, so a new
 * snapshot) includes the first. Without the lock each would see the other's claim as not yet
 * approved, and two £300 claims approved at the same moment would both stand on one caseworker's
 * word. The lock must be its own statement: a sum in the same statement keeps the snapshot taken
 * before it waited.
 */
export async function lockPersonAndSumRecentApprovals(
  tx: Tx,
  options: { claimantId: string; exceptClaimId: string; now: Date },
): Promise<number> {
  const since = secondApprovalWindowStart(options.now).toISOString();
  await tx.$queryRaw`SELECT id FROM "Claimant" WHERE id = ${options.claimantId}::uuid FOR UPDATE`;
  const [row] = await tx.$queryRaw<{ pence: bigint }[]>`
    SELECT coalesce(sum(e."approvedPence"), 0)::bigint AS pence
    FROM "Claim" c
    JOIN "ExpenseLine" e ON e."claimId" = c.id
    WHERE c."claimantId" = ${options.claimantId}::uuid
      AND c.id <> ${options.exceptClaimId}::uuid
      AND c."firstApprovedAt" >= (${since}::timestamptz AT TIME ZONE 'UTC')`;
  return Number(row.pence);
}
