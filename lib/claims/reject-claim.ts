import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { queueClaimantMessage } from "@/lib/notify/queue-claimant-message";
import { addClaimEvent } from "../timeline/claim-events";
import {
  assertCanDecide,
  assertNotKeyedInBy,
  bumpVersion,
  claimSnapshot,
  validationError,
  type Caseworker,
} from "./claim-change";
import { lockClaim } from "./lock-claim";
import { validateClaimRejection } from "./rules/information-request";
import { rejectionReasonLabel } from "./rules/rejection-reasons";

/** Rejects the claim as a whole (every line), with a reason from the list and a note. */
export async function rejectClaim(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  reason: string | undefined;
  note: string | undefined;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  const valid = validateClaimRejection({ reason: options.reason, note: options.note });
  if (!valid.ok) throw validationError(valid.errors);
  const reason = rejectionReasonLabel(valid.rejection.reason);
  await db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference, expectedVersion });
    assertCanDecide(claim.status);
    assertNotKeyedInBy(claim, actor);
    await tx.expenseLine.updateMany({ where: { claimId: claim.id }, data: { decision: "REJECTED", approvedPence: null } });
    const after = await bumpVersion(tx, claim, { status: "REJECTED", rejectionReason: reason, informationRequestKind: null });
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: "claim.rejected",
      summary: `Rejected: ${reason}`,
      detail: { note: valid.rejection.note },
    });
    await queueClaimantMessage(tx, {
      claimant: claim.claimant,
      claimId: claim.id,
      kind: "CLAIM_REJECTED",
      data: { claimReference: reference, reason, note: valid.rejection.note },
      actorId: actor.id,
    });
    await recordAudit(tx, {
      actor,
      action: "claim.rejected",
      entityType: "Claim",
      entityId: claim.id,
      before: claimSnapshot(claim),
      after: { ...claimSnapshot(after), reason, note: valid.rejection.note },
    });
  });
}
