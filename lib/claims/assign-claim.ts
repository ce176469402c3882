import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { addClaimEvent } from "../timeline/claim-events";
import { bumpVersion, claimSnapshot, type Caseworker } from "./claim-change";
import { lockClaim } from "./lock-claim";

/** Takes the claim: it shows under "assigned to me" and others see who is working on it. */
export async function assignClaimToSelf(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  await db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference, expectedVersion, actorId: actor.id });
    if (claim.assignedToId === actor.id) throw new AppError("INVALID_STATE", "This claim is already assigned to you");
    const after = await bumpVersion(tx, claim, { assignedToId: actor.id });
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: "claim.assigned",
      summary: `Assigned to ${actor.name}`,
    });
    await recordAudit(tx, {
      actor,
      action: "claim.assigned",
      entityType: "Claim",
      entityId: claim.id,
      before: claimSnapshot(claim),
      after: claimSnapshot(after),
    });
  });
}
