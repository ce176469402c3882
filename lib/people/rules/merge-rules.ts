// When two person records may be linked (a merge): pure, from facts the shell reads under lock
// (docs/people.md#linking-records).

export interface MergeParty {
  id: string;
  reference: string | null;
  erasedAt: Date | null;
  mergedIntoId: string | null;
}

export interface MergeFacts {
  survivor: MergeParty;
  merged: MergeParty;
  /** Benefit plans both are enrolled in: a person has one enrolment per plan. */
  sharedPlans: readonly string[];
  /** The merged record's payments no run has taken yet (NEW, DRAFT or SUSPENDED). */
  mergedUnsentPayments: number;
  /** The merged record's bank-details or name-and-address changes waiting for a checker. */
  mergedPendingChanges: number;
}

const name = (p: MergeParty) => p.reference ?? "without a reference";

/** Null when the records may be merged; otherwise why not, in words for the caseworker. */
export function mergeRefusal(facts: MergeFacts): string | null {
  const { survivor, merged } = facts;
  if (survivor.id === merged.id) return "These are the same record";
  for (const p of [merged, survivor]) {
    if (p.erasedAt) return `Person ${name(p)} was erased, so the records cannot be linked`;
    if (p.mergedIntoId) return `Person ${name(p)} is already linked into another record`;
  }
  if (facts.sharedPlans.length > 0) {
    return `Both people are enrolled in ${facts.sharedPlans.join(", ")}: a person has one enrolment per plan, so end and remove one first`;
  }
  // Moving an unsent payment would pay it to the survivor's bank account or address: a redirect of
  // money by one person, which every other path needs two for.
  if (facts.mergedUnsentPayments > 0) {
    return `Person ${name(merged)} has ${facts.mergedUnsentPayments === 1 ? "a payment" : `${facts.mergedUnsentPayments} payments`} not yet sent: link the records once ${facts.mergedUnsentPayments === 1 ? "it is" : "they are"} sent or cancelled`;
  }
  if (facts.mergedPendingChanges > 0) {
    return `Person ${name(merged)} has a change of bank details, name or address waiting for approval: decide it first`;
  }
  return null;
}
