export const NOTE_MAX_LENGTH = 2000;
export const NOTE_TOO_LONG = `The note must be ${NOTE_MAX_LENGTH} characters or fewer`;

export type NoteCheck = { ok: true; note: string | null } | { ok: false; message: string };

/**
 * Trims a free-text note and checks its length. With `missingMessage` the note is required.
 * A note of only spaces counts as missing.
 */
export function checkNote(raw: string | null | undefined, missingMessage?: string): NoteCheck {
  // Browsers submit textarea line breaks as CRLF but count them as one character for
  // maxlength; normalising keeps a note the browser accepted within the limit here too.
  const note = (raw ?? "").replace(/\r\n?/g, "\n").trim();
  if (note === "") return missingMessage === undefined ? { ok: true, note: null } : { ok: false, message: missingMessage };
  if (note.length > NOTE_MAX_LENGTH) return { ok: false, message: NOTE_TOO_LONG };
  return { ok: true, note };
}
