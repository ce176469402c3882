import type { StaffMember } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import type { LockedClaim } from "./lock-claim";
import { assertTransition, canDecide, TRANSITION_MESSAGES } from "./rules/claim-transitions";
import { secondApproverRefusal } from "./rules/second-approval";

export type Caseworker = StaffMember;

/** Field errors from the pure rules, as the action result carries them. */
export function validationError(errors: Record<string, string>): AppError {
  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));
  return new AppError("VALIDATION", "Check the decision for errors.", fieldErrors);
}

/** The caseworker who keyed a claim in may not decide it: someone else checks their work. */
export function assertNotKeyedInBy(claim: LockedClaim, actor: Caseworker) {
  if (claim.keyedInById === actor.id) {
    throw new AppError("FORBIDDEN", "You keyed this claim in, so another caseworker must decide it.");
  }
}

/** Every change to a claim moves its version on, so stale forms are refused. */
export function bumpVersion(tx: Tx, claim: LockedClaim, data: Parameters<Tx["claim"]["update"]>[0]["data"]) {
  return tx.claim.update({ where: { id: claim.id }, data: { ...data, version: { increment: 1 } } });
}

export function claimSnapshot(claim: {
  status: string;
  version: number;
  assignedToId: string | null;
  informationRequestKind?: string | null;
}) {
  return {
    status: claim.status,
    version: claim.version,
    assignedToId: claim.assignedToId,
    informationRequestKind: claim.informationRequestKind ?? null,
  };
}

/** Decisions (approve, reject, request information) only on NEW and UPDATED claims. */
export function assertCanDecide(status: ClaimStatus) {
  if (canDecide(status)) return;
  if (status === "AWAITING_SECOND_APPROVAL") throw new AppError("INVALID_STATE", TRANSITION_MESSAGES.awaitingSecondApproval);
  const refused = assertTransition(status, "APPROVED");
  throw new AppError("INVALID_STATE", refused.ok ? "This claim cannot be decided now" : refused.message);
}

/** The check for approving or returning a claim that waits for its second caseworker. */
export function assertMaySecondApprove(claim: LockedClaim, actor: Caseworker) {
  const refused = secondApproverRefusal(claim, actor.id);
  if (refused) throw new AppError(refused.code, refused.message);
}
