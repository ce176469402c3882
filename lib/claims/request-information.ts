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
import { INFORMATION_REQUEST_KINDS, validateInformationRequest } from "./rules/information-request";

/** Asks the claimant for more information (or new bank details); the claim waits for their answer. */
export async function requestInformation(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  kind: string | undefined;
  note: string | undefined;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  const valid = validateInformationRequest({ kind: options.kind, note: options.note });
  if (!valid.ok) throw validationError(valid.errors);
  const { kind, note } = valid.request;
  await db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference, expectedVersion });
    assertCanDecide(claim.status);
    assertNotKeyedInBy(claim, actor);
    const after = await bumpVersion(tx, claim, { status: "INFORMATION_REQUESTED", informationRequestKind: kind });
    const label = INFORMATION_REQUEST_KINDS.find((k) => k.code === kind)!.label;
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: "claim.information-requested",
      summary: `Requested: ${label.toLowerCase()}`,
      detail: { kind, note },
    });
    await queueClaimantMessage(tx, {
      claimant: claim.claimant,
      claimId: claim.id,
      kind: kind === "BANK_DETAILS" ? "BANK_DETAILS_REQUESTED" : "INFORMATION_REQUESTED",
      data: { claimReference: reference, note },
      actorId: actor.id,
    });
    await recordAudit(tx, {
      actor,
      action: "claim.information-requested",
      entityType: "Claim",
      entityId: claim.id,
      before: claimSnapshot(claim),
      after: { ...claimSnapshot(after), note },
    });
  });
}
