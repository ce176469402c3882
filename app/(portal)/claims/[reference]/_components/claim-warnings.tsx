// Owned by the queue work (issue 13 item 6): the same bank account used by another claimant, a claim for the same event date.
export async function ClaimWarnings(_props: { claimId: string }) {
  return null;
}
