import type { ClaimStatus } from "@/lib/generated/prisma/enums";

// "Open" is every claim not decided yet: waiting for a caseworker (NEW, UPDATED), for the claimant
// (INFORMATION_REQUESTED) or for a second caseworker (AWAITING_SECOND_APPROVAL). It is the claim
// list's default view, oldest first, and the only claims whose age is counted (docs/caseworker-queue.md).

export const OPEN_CLAIM_STATUSES = [
  "NEW",
  "UPDATED",
  "INFORMATION_REQUESTED",
  "AWAITING_SECOND_APPROVAL",
] as const satisfies readonly ClaimStatus[];

/** The claim list's status filter: one status, or every open one. */
export type ClaimStatusFilter = ClaimStatus | "OPEN";

export function isOpenClaim(status: ClaimStatus): boolean {
  return (OPEN_CLAIM_STATUSES as readonly ClaimStatus[]).includes(status);
}
