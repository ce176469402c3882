// How a pending change reached the portal, for the checker: a change the claimant sent through the
// online service, one they gave by phone or post that a caseworker recorded with their response,
// one a member of staff entered, or one from an enrolment file. BankDetailChange has no column for
// it; the proposer, the upload and the note that each path writes tell it apart.

/** The note a caseworker's recording of the claimant's response puts on the change it proposes. */
export const RESPONSE_NOTE = "Sent with the claimant's response";
/** The note when the response (and the change) came through the online service. */
export const ONLINE_RESPONSE_NOTE = "Sent with the claimant's response through the online service";

export type ChangeSource = "API" | "PHONE" | "STAFF" | "ENROLMENT_FILE";

export function changeSource(change: {
  proposedById: string | null;
  uploadId: string | null;
  note: string | null;
}): ChangeSource {
  if (change.uploadId) return "ENROLMENT_FILE";
  if (change.proposedById === null) return "API";
  if (change.note === RESPONSE_NOTE) return "PHONE";
  return "STAFF";
}

export const CHANGE_SOURCE_LABELS: Record<ChangeSource, string> = {
  API: "The claimant, through the online service (API)",
  PHONE: "The claimant's response to a request for information, recorded by a caseworker (phone or post)",
  STAFF: "Given by phone, post or in person, and entered by the proposer",
  ENROLMENT_FILE: "An enrolment file",
};
