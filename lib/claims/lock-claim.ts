import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const STALE_MESSAGE =
  "Someone else changed this claim since you opened it. Reload the page to see their change, then try again.";

/**
 * Locks the claim row for the rest of the transaction and checks it is still the version the
 * caseworker saw. Two submits of the same form (a double click, a second browser) serialise
 * here: the second finds a newer version and is refused, so only one decision is made.
 */
export async function lockClaim(tx: Tx, options: { reference: string; expectedVersion?: number }) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Claim" WHERE reference = ${options.reference} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", `There is no claim with reference ${options.reference}`);
  const claim = await tx.claim.findUniqueOrThrow({
    where: { id: row.id },
    include: { claimant: { include: { bankDetails: true } }, expenses: { orderBy: { lineNo: "asc" } }, payments: true },
  });
  if (options.expectedVersion !== undefined && claim.version !== options.expectedVersion)
    throw new AppError("STALE", STALE_MESSAGE);
  return claim;
}

export type LockedClaim = Awaited<ReturnType<typeof lockClaim>>;
