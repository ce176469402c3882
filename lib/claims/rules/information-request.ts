import type { InformationRequestKind } from "@/lib/generated/prisma/enums";
import { checkNote } from "./notes";
import { isRejectionReason, rejectionReasonError, type RejectionReasonCode } from "./rejection-reasons";

export const INFORMATION_REQUEST_KINDS = [
  { code: "GENERAL", label: "More information" },
  { code: "BANK_DETAILS", label: "New bank details" },
] as const satisfies ReadonlyArray<{ code: InformationRequestKind; label: string }>;

/** Form field names; errors are keyed by the same names. */
export const INFORMATION_REQUEST_FIELDS = { kind: "kind", note: "note" } as const;
export const CLAIM_REJECTION_FIELDS = { reason: "rejectionReason", note: "note" } as const;

export const INFORMATION_REQUEST_MESSAGES = {
  missingKind: "Choose what information to request",
  missingRequestNote: "Enter a note saying what information the claimant needs to send",
  missingRejectionNote: "Enter a note explaining why the claim is rejected",
} as const;

export interface InformationRequestInput {
  kind: string | null | undefined;
  note: string | null | undefined;
}

export type InformationRequestResult =
  { ok: true; request: { kind: InformationRequestKind; note: string } } | { ok: false; errors: Record<string, string> };

export interface ClaimRejectionInput {
  reason: string | null | undefined;
  note: string | null | undefined;
}

export type ClaimRejectionResult =
  { ok: true; rejection: { reason: RejectionReasonCode; note: string } } | { ok: false; errors: Record<string, string> };

export function validateInformationRequest(input: InformationRequestInput): InformationRequestResult {
  const errors: Record<string, string> = {};
  const kind = INFORMATION_REQUEST_KINDS.find((k) => k.code === input.kind)?.code;
  if (kind === undefined) errors[INFORMATION_REQUEST_FIELDS.kind] = INFORMATION_REQUEST_MESSAGES.missingKind;
  const note = checkNote(input.note, INFORMATION_REQUEST_MESSAGES.missingRequestNote);
  if (!note.ok) errors[INFORMATION_REQUEST_FIELDS.note] = note.message;

  if (kind === undefined || !note.ok || note.note === null) return { ok: false, errors };
  return { ok: true, request: { kind, note: note.note } };
}

/** Rejecting the claim as a whole, without deciding its lines one by one. */
export function validateClaimRejection(input: ClaimRejectionInput): ClaimRejectionResult {
  const errors: Record<string, string> = {};
  const reason = input.reason;
  const reasonError = rejectionReasonError(reason);
  if (reasonError !== null) errors[CLAIM_REJECTION_FIELDS.reason] = reasonError;
  const note = checkNote(input.note, INFORMATION_REQUEST_MESSAGES.missingRejectionNote);
  if (!note.ok) errors[CLAIM_REJECTION_FIELDS.note] = note.message;

  if (!isRejectionReason(reason) || !note.ok || note.note === null) return { ok: false, errors };
  return { ok: true, rejection: { reason, note: note.note } };
}
