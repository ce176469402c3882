// Four eyes on pulling money back out of a batch the bank or the Post Office may already hold
// (docs/security.md#two-people-for-every-money-move): voiding a bank batch any of whose files was
// downloaded, or returning a delivered Payout batch, is asked by one admin and carried out when a
// second admin approves it. Pure.

export type BatchActionToDecide = { status: string; requestedById: string };

export const BATCH_ACTION_ALREADY_DECIDED = "This request has already been approved or rejected.";
export const BATCH_ACTION_WITHDRAWN = "This request was withdrawn by the administrator who asked for it.";

/** Why this admin may not approve or reject the request, or null when they may. */
export function whyCannotDecideBatchAction(request: BatchActionToDecide, deciderId: string): string | null {
  if (request.status === "WITHDRAWN") return BATCH_ACTION_WITHDRAWN;
  if (request.status !== "PENDING") return BATCH_ACTION_ALREADY_DECIDED;
  if (request.requestedById === deciderId) {
    return "You asked for this: another administrator must approve or reject it.";
  }
  return null;
}

/**
 * Why this admin may not withdraw the request, or null when they may: only whoever asked for it,
 * and only while it waits (an approved void has already moved the payments).
 */
export function whyCannotWithdrawBatchAction(request: BatchActionToDecide, actorId: string): string | null {
  if (request.status === "WITHDRAWN") return BATCH_ACTION_WITHDRAWN;
  if (request.status !== "PENDING") return BATCH_ACTION_ALREADY_DECIDED;
  if (request.requestedById !== actorId) return "Only the administrator who asked for this can withdraw it.";
  return null;
}

export const batchActionLabels: Record<"VOID" | "RETURN", string> = {
  VOID: "Void a downloaded bank batch",
  RETURN: "Return a delivered Payout batch to NEW",
};
