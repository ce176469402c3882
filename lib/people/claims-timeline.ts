import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * One timeline entry on every claim of the person, in one statement; with `bumpVersion` the
 * claims' versions move on first, so a form opened before the change is refused as stale.
 */
export async function addPersonEventToClaims(
  tx: Tx,
  options: { personId: string; actorId: string | null; kind: string; summary: string; now: Date; bumpVersion?: boolean },
): Promise<void> {
  const at = Prisma.sql`(${options.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  if (options.bumpVersion) {
    await tx.$executeRaw`UPDATE "Claim" SET version = version + 1, "updatedAt" = ${at} WHERE "claimantId" = ${options.personId}::uuid`;
  }
  await tx.$executeRaw`
    INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary)
    SELECT gen_random_uuid(), c.id, ${at}, ${options.actorId}::uuid, ${options.kind}, ${options.summary}
    FROM "Claim" c WHERE c."claimantId" = ${options.personId}::uuid`;
}
