// Owned by the people work (issue 13 items 3 and 4): what the claim is for, a possible match, name or address changes.
export async function PersonSection(_props: { claimId: string; claimantId: string; isCaseworker: boolean; userId: string }) {
  return null;
}
