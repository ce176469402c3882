import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimantMessageKind, MessageData } from "@/lib/notify/claimant-messages";
import { queueClaimantMessage } from "@/lib/notify/queue-claimant-message";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { assertCanDecide, assertNotKeyedInBy, bumpVersion, claimSnapshot, type Caseworker } from "./claim-change";

/** Decisions (approve, reject, request information): a NEW or UPDATED claim, not keyed in by the actor. */
function assertMayDecide(claim: LockedClaim, actor: Caseworker) {
  assertCanDecide(claim.status);
  assertNotKeyedInBy(claim, actor);
}
import { lockClaim, type LockedClaim } from "./lock-claim";

/** What one decision does, from the service's own rule; changeClaimStatus does the rest. */
export type StatusChange<R> = {
  /** The claim's new status and the fields that go with it. The version moves on by itself. */
  claim: Parameters<Tx["claim"]["update"]>[0]["data"];
  /** The claim's timeline entry. Its kind is also the audit record's action. */
  event: { kind: string; summary: string; detail?: Prisma.InputJsonValue };
  /** The message queued for the claimant; none while a decision waits for a second caseworker. */
  message: { kind: ClaimantMessageKind; data: Omit<MessageData, "firstName"> } | null;
  /** Added to the audit record's "after", next to the claim's snapshot. */
  audit: Prisma.InputJsonObject;
  /** What the service returns. */
  result: R;
};

/**
 * The frame every caseworker decision on a claim shares (approve, reject, request information, and
 * the second approval or return of a claim above the threshold), in one transaction: lock the claim
 * and check it is the version the page showed, check the claim may be decided and that this
 * caseworker may decide it, then run the service's rule, which writes what it needs (lines, a
 * payment) and says how the claim changes. The claim is updated with its version moved on, and the
 * timeline entry, the claimant's message (if any) and the audit record (before and after) are added.
 */
export async function changeClaimStatus<R>(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  actor: Caseworker;
  /** Who may make this change to the claim as it is; by default, a decision's check. */
  check?: (claim: LockedClaim, actor: Caseworker) => void;
  decide: (tx: Tx, claim: LockedClaim) => Promise<StatusChange<R>>;
  /** When the change was made, if not now (the demo seed's history): the timeline's and the message's time. */
  now?: Date;
}): Promise<R> {
  const { db, reference, expectedVersion, actor, decide, check = assertMayDecide } = options;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference, expectedVersion, actorId: actor.id });
    check(claim, actor);
    const change = await decide(tx, claim);
    const after = await bumpVersion(tx, claim, change.claim);
    await addClaimEvent(tx, { claimId: claim.id, actorId: actor.id, ...change.event, at: options.now });
    if (change.message) {
      await queueClaimantMessage(tx, {
        claimant: claim.claimant,
        claimId: claim.id,
        kind: change.message.kind,
        data: change.message.data,
        actorId: actor.id,
        at: options.now,
      });
    }
    await recordAudit(tx, {
      actor,
      action: change.event.kind,
      entityType: "Claim",
      entityId: claim.id,
      before: claimSnapshot(claim),
      after: { ...claimSnapshot(after), ...change.audit },
    });
    return change.result;
  });
}
