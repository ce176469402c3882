import { findSameAccountPeopleOf, type SameAccountPerson } from "@/lib/bank-details/same-account";
import type { Db } from "@/lib/db";

// What a caseworker should know before deciding a claim (docs/caseworker-queue.md#warnings): the
// claimant's bank account (current or proposed) is also another person's, and the same person has
// another claim for the same event date (a claim sent twice, or the same visit claimed again).

export type SameEventClaim = { reference: string; status: string; createdAt: Date };

export type ClaimWarnings = { sameAccount: SameAccountPerson[]; sameEventDate: SameEventClaim[] };

export async function loadClaimWarnings(db: Db, options: { claimId: string; now: Date }): Promise<ClaimWarnings> {
  const claim = await db.claim.findUniqueOrThrow({
    where: { id: options.claimId },
    select: { id: true, claimantId: true, eventDate: true },
  });
  const [sameAccount, sameEventDate] = await Promise.all([
    findSameAccountPeopleOf(db, { personId: claim.claimantId, now: options.now }),
    db.claim.findMany({
      where: { claimantId: claim.claimantId, eventDate: claim.eventDate, id: { not: claim.id } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 10,
      select: { reference: true, status: true, createdAt: true },
    }),
  ]);
  return { sameAccount, sameEventDate };
}
