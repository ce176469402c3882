import { hasControlCharacters } from "@/lib/claims/intake/person-text";

// A case note: free text a caseworker adds to a claim's timeline (docs/caseworker-queue.md#case-notes).
// Line breaks and tabs are kept; other control characters and half characters are refused, as in
// every free text the portal stores. Pure.

export const CASE_NOTE_MAX_LENGTH = 1000;
export const CASE_NOTE_EVENT = "claim.note-added";

export const CASE_NOTE_MESSAGES = {
  missing: "Enter a case note",
  tooLong: `The case note must be ${CASE_NOTE_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`,
  hidden: "The case note must not contain control characters",
} as const;

export type CaseNoteCheck = { ok: true; note: string } | { ok: false; message: string };

export function checkCaseNote(raw: string | null | undefined): CaseNoteCheck {
  // Browsers send textarea line breaks as CRLF but count one character for maxlength.
  const note = (raw ?? "").replace(/\r\n?/g, "\n").trim();
  if (note === "") return { ok: false, message: CASE_NOTE_MESSAGES.missing };
  if (hasControlCharacters(note)) return { ok: false, message: CASE_NOTE_MESSAGES.hidden };
  if (note.length > CASE_NOTE_MAX_LENGTH) return { ok: false, message: CASE_NOTE_MESSAGES.tooLong };
  return { ok: true, note };
}

/** The note kept on a timeline entry's detail, or null when the entry is not a case note. */
export function caseNoteOf(event: { kind: string; detail: unknown }): string | null {
  if (event.kind !== CASE_NOTE_EVENT || typeof event.detail !== "object" || event.detail === null) return null;
  const note = (event.detail as Record<string, unknown>).note;
  return typeof note === "string" ? note : null;
}
