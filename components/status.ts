export type TagColour = "grey" | "blue" | "lightBlue" | "green" | "red" | "yellow" | "orange" | "purple" | "turquoise" | "pink";

export type StatusKind = "claim" | "payment" | "run" | "batch" | "payoutBatch" | "delivery" | "upload";

type StatusInfo = { label: string; colour: TagColour };

// Words first, colour second (GOV.UK: never colour alone). Where a claim and its payment sit side
// by side the same word never means two things: a claim is "New", its payment "Waiting for run".
// Red is kept for a payment that failed; a rejected claim is pink and "Needs attention" orange.
const statuses: Record<StatusKind, Record<string, StatusInfo>> = {
  claim: {
    NEW: { label: "New", colour: "blue" },
    INFORMATION_REQUESTED: { label: "Information requested", colour: "lightBlue" },
    UPDATED: { label: "Updated", colour: "purple" },
    AWAITING_SECOND_APPROVAL: { label: "Waiting for second approval", colour: "yellow" },
    APPROVED: { label: "Approved", colour: "green" },
    REJECTED: { label: "Rejected", colour: "pink" },
  },
  payment: {
    NEW: { label: "Waiting for run", colour: "lightBlue" },
    SENT: { label: "Sent", colour: "purple" },
    PAID: { label: "Paid (no failure reported)", colour: "turquoise" },
    FAILED: { label: "Failed", colour: "red" },
    CANCELLED: { label: "Cancelled", colour: "grey" },
    CASHED: { label: "Cashed", colour: "green" },
    EXPIRED: { label: "Expired", colour: "orange" },
    DRAFT: { label: "Draft", colour: "grey" },
    SUSPENDED: { label: "Suspended", colour: "yellow" },
    CARRIED_OVER: { label: "Carried over", colour: "grey" },
  },
  run: {
    RUNNING: { label: "Running", colour: "blue" },
    SUCCEEDED: { label: "Succeeded", colour: "green" },
    EMPTY: { label: "Empty", colour: "grey" },
    FAILED: { label: "Failed", colour: "red" },
  },
  batch: {
    OPEN: { label: "Being written", colour: "blue" },
    STORED: { label: "Ready to download", colour: "green" },
    DELIVERED: { label: "Delivered", colour: "green" },
    VOID: { label: "Void", colour: "red" },
    DELIVERY_UNCERTAIN: { label: "Delivery uncertain", colour: "orange" },
  },
  // A Payout batch is "sent" when its file reaches the Post Office, not when it is stored.
  payoutBatch: {
    OPEN: { label: "Being written", colour: "blue" },
    STORED: { label: "Not delivered yet", colour: "yellow" },
    DELIVERED: { label: "Delivered", colour: "green" },
    DELIVERY_UNCERTAIN: { label: "Delivery uncertain", colour: "orange" },
    VOID: { label: "Returned (void)", colour: "red" },
  },
  delivery: {
    STARTED: { label: "Started, not finished", colour: "blue" },
    RENAMING: { label: "Renaming, not confirmed", colour: "orange" },
    DELIVERED: { label: "Delivered", colour: "green" },
    ALREADY_DELIVERED: { label: "Already delivered", colour: "green" },
    FAILED: { label: "Failed", colour: "red" },
    UNCERTAIN: { label: "Uncertain", colour: "orange" },
  },
  upload: {
    RECEIVED: { label: "Received", colour: "blue" },
    VALIDATED: { label: "Checked", colour: "blue" },
    REJECTED: { label: "Not applied: errors", colour: "red" },
    APPLIED: { label: "Applied", colour: "green" },
    DUPLICATE: { label: "Duplicate: no change", colour: "grey" },
  },
};

function lookup(status: string, kind?: StatusKind): StatusInfo | undefined {
  if (kind) return statuses[kind][status];
  return statuses.claim[status] ?? statuses.payment[status] ?? statuses.run[status];
}

/** The claim's "needs attention" flag (a hold, a failed payment, bank details to check) as a tag. */
export const NEEDS_ATTENTION: StatusInfo = { label: "Needs attention", colour: "orange" };

/** Human label, e.g. "INFORMATION_REQUESTED" -> "Information requested". Unknown values are made readable. */
export function statusLabel(status: string, kind?: StatusKind): string {
  const known = lookup(status, kind);
  if (known) return known.label;
  const words = status.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function statusColour(status: string, kind?: StatusKind): TagColour {
  return lookup(status, kind)?.colour ?? "grey";
}

/** Options for a status filter <Select>, in workflow order. */
export function statusOptions(kind: StatusKind): { value: string; label: string }[] {
  return Object.entries(statuses[kind]).map(([value, info]) => ({ value, label: info.label }));
}
