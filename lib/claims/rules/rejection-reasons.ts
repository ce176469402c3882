export const REJECTION_REASONS = [
  { code: "NOT_ELIGIBLE", label: "Not eligible for the scheme" },
  { code: "NOT_QUALIFYING_VISIT", label: "Not a qualifying visit" },
  { code: "NO_EVIDENCE", label: "No receipts or evidence" },
  { code: "DUPLICATE", label: "Duplicate of another claim" },
  { code: "OUTSIDE_TIME_LIMIT", label: "Claimed outside the time limit" },
  { code: "OTHER", label: "Other" },
] as const;

export type RejectionReasonCode = (typeof REJECTION_REASONS)[number]["code"];

export function isRejectionReason(value: unknown): value is RejectionReasonCode {
  return REJECTION_REASONS.some((r) => r.code === value);
}

export function rejectionReasonLabel(code: RejectionReasonCode): string {
  return REJECTION_REASONS.find((r) => r.code === code)?.label ?? code;
}

export const REJECTION_REASON_MISSING = "Choose a reason for rejecting the claim";
export const REJECTION_REASON_UNKNOWN = "Choose a reason from the list";

/** The error message for a submitted reason, or null when it is one of the list. */
export function rejectionReasonError(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return REJECTION_REASON_MISSING;
  return isRejectionReason(value) ? null : REJECTION_REASON_UNKNOWN;
}
