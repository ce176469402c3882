import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { staleClaimMessage } from "./rules/stale-claim-message";

export { STALE_MESSAGE } from "./rules/stale-claim-message";

/**
 * Locks the claim row for the rest of the transaction and checks it is still the version the
 * caseworker saw. Two submits of the same form (a double click, a second browser) serialise
 * here: the second finds a newer version and is refused, so only one decision is made. The
 * refusal names the latest change (who, when, what), and says "you" to `actorId`.
 */
export async function lockClaim(tx: Tx, options: { reference: string; expectedVersion?: number; actorId?: string }) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Claim" WHERE reference = ${options.reference} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", `There is no claim with reference ${options.reference}`);
  const claim = await tx.claim.findUniqueOrThrow({
    where: { id: row.id },
    include: { claimant: { include: { bankDetails: true } }, expenses: { orderBy: { lineNo: "asc" } }, payments: true },
  });
  if (options.expectedVersion !== undefined && claim.version !== options.expectedVersion) {
    // A message queued to the claimant is a consequence of the change, not the change itself.
    const latest = await tx.claimEvent.findFirst({
      where: { claimId: claim.id, NOT: { kind: { startsWith: "message." } } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { at: true, actorId: true, summary: true, actor: { select: { name: true } } },
    });
    const change = latest && { ...latest, actorName: latest.actor?.name ?? null };
    throw new AppError("STALE", staleClaimMessage({ latest: change, viewerId: options.actorId, now: new Date() }));
  }
  return claim;
}

export type LockedClaim = Awaited<ReturnType<typeof lockClaim>>;
