// Why an enrolment ended. Stored in Enrolment.endReason as the code, or for "other" as
// "OTHER: <the words given>", so reports can count the fixed reasons and still keep the detail.

export const END_REASONS = {
  DEATH: "Death",
  MOVED_AWAY: "Moved away",
  NO_LONGER_ELIGIBLE: "No longer eligible",
  OTHER: "Other",
} as const;

export type EndReasonCode = keyof typeof END_REASONS;
export const END_REASON_CODES = Object.keys(END_REASONS) as EndReasonCode[];
export const MAX_OTHER_REASON_LENGTH = 200;

export function storedEndReason(code: EndReasonCode, other: string | null | undefined): string {
  return code === "OTHER" ? `OTHER: ${(other ?? "").trim()}` : code;
}

/** The stored reason for people: "Moved away", "Other: returned to Ireland". */
export function describeEndReason(stored: string | null): string {
  if (!stored) return "";
  if (stored.startsWith("OTHER: ")) return `Other: ${stored.slice("OTHER: ".length)}`;
  return END_REASONS[stored as EndReasonCode] ?? stored;
}
