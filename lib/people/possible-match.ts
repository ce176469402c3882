import type { Db, Tx } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { mergePeople, type MergeCounts } from "./merge-people";

const GONE = "This possible match was already linked or dismissed: reload the page";

/** The claim, locked, if its flag still names `possibleMatchId` (a second click, or another tab, finds it gone). */
async function lockFlaggedClaim(tx: Tx, reference: string, possibleMatchId: string) {
  const [claim] = await tx.$queryRaw<{ id: string; claimantId: string; possibleMatchId: string | null }[]>`
    SELECT id, "claimantId", "possibleMatchId" FROM "Claim" WHERE reference = ${reference} FOR UPDATE`;
  if (!claim) throw new AppError("NOT_FOUND", `There is no claim with reference ${reference}`);
  if (claim.possibleMatchId !== possibleMatchId) throw new AppError("INVALID_STATE", GONE);
  return claim;
}

/**
 * "Link these records": the claim's person (the newer record, made by the intake) is merged into
 * the possible match (the older one, which survives and keeps its reference).
 */
export async function linkPossibleMatch(options: {
  db: Db;
  reference: string;
  possibleMatchId: string;
  actor: StaffMember;
  now: Date;
}): Promise<MergeCounts> {
  const { db, reference, possibleMatchId, actor, now } = options;
  const claim = await db.claim.findUnique({ where: { reference }, select: { claimantId: true } });
  if (!claim) throw new AppError("NOT_FOUND", `There is no claim with reference ${reference}`);
  return mergePeople({
    db,
    survivorId: possibleMatchId,
    mergedId: claim.claimantId,
    actor,
    now,
    inSameTransaction: async (tx) => {
      const locked = await lockFlaggedClaim(tx, reference, possibleMatchId);
      // The claim moved to another person between the read above and the lock: start again.
      if (locked.claimantId !== claim.claimantId) throw new AppError("INVALID_STATE", GONE);
    },
  });
}

/** "Not the same person": the flag goes, audited and on the timeline; nothing else changes. */
export async function dismissPossibleMatch(options: {
  db: Db;
  reference: string;
  possibleMatchId: string;
  actor: StaffMember;
  now: Date;
}): Promise<void> {
  const { db, reference, possibleMatchId, actor, now } = options;
  await db.$transaction(async (tx) => {
    const claim = await lockFlaggedClaim(tx, reference, possibleMatchId);
    await tx.claim.update({ where: { id: claim.id }, data: { possibleMatchId: null, version: { increment: 1 } } });
    const match = await tx.claimant.findUnique({ where: { id: possibleMatchId }, select: { reference: true } });
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: "person.possible-match-dismissed",
      summary: `${actor.name} decided person ${match?.reference ?? possibleMatchId} is not the same person: the records stay apart`,
      at: now,
    });
    await recordAudit(tx, {
      actor,
      action: "person.possible-match-dismissed",
      entityType: "Claim",
      entityId: claim.id,
      before: { possibleMatchId },
      after: { possibleMatchId: null, claimantId: claim.claimantId },
    });
  });
}
