// Four eyes on who may do what (docs/security.md#two-people-for-every-money-move): a role grant
// (creating an account is one) takes effect only when a second admin approves it. Pure.

export type GrantToDecide = { status: string; proposedById: string; userId: string };

export const GRANT_ALREADY_DECIDED = "This role change has already been approved, rejected or withdrawn.";

/** Why this admin may not approve or reject the grant, or null when they may. */
export function whyCannotDecideGrant(grant: GrantToDecide, deciderId: string): string | null {
  if (grant.status !== "PENDING") return GRANT_ALREADY_DECIDED;
  if (grant.proposedById === deciderId) {
    return "You proposed this role change: another administrator must approve or reject it.";
  }
  if (grant.userId === deciderId) {
    return "This role change is for your own account: another administrator must approve or reject it.";
  }
  return null;
}

/** Why this admin may not withdraw the grant, or null when they may (only its proposer can). */
export function whyCannotWithdrawGrant(grant: GrantToDecide, actorId: string): string | null {
  if (grant.status !== "PENDING") return GRANT_ALREADY_DECIDED;
  if (grant.proposedById !== actorId) {
    return "Only the administrator who proposed this role change can withdraw it. You can approve or reject it instead.";
  }
  return null;
}
