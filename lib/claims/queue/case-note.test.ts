import { describe, expect, it } from "vitest";
import { CASE_NOTE_MAX_LENGTH, CASE_NOTE_MESSAGES, caseNoteOf, checkCaseNote } from "./case-note";

describe("checkCaseNote", () => {
  it("trims the note and keeps its line breaks and tabs", () => {
    expect(checkCaseNote("  Phoned the claimant.\r\n\tShe will send the ticket.  ")).toEqual({
      ok: true,
      note: "Phoned the claimant.\n\tShe will send the ticket.",
    });
  });

  it("asks for a note when there is none", () => {
    expect(checkCaseNote(undefined)).toEqual({ ok: false, message: "Enter a case note" });
    expect(checkCaseNote(" \n ")).toEqual({ ok: false, message: "Enter a case note" });
  });

  it("refuses more than the limit, counting a CRLF as one character", () => {
    expect(checkCaseNote("x".repeat(CASE_NOTE_MAX_LENGTH)).ok).toBe(true);
    expect(checkCaseNote(`${"x".repeat(CASE_NOTE_MAX_LENGTH - 2)}\r\nx`).ok).toBe(true);
    expect(checkCaseNote("x".repeat(CASE_NOTE_MAX_LENGTH + 1))).toEqual({
      ok: false,
      message: "The case note must be 1,000 characters or fewer",
    });
  });

  it("refuses control characters and half characters", () => {
    expect(checkCaseNote("a\u0000b")).toEqual({ ok: false, message: CASE_NOTE_MESSAGES.hidden });
    expect(checkCaseNote("a\u001bb")).toEqual({ ok: false, message: CASE_NOTE_MESSAGES.hidden });
    expect(checkCaseNote("a\uD800b")).toEqual({ ok: false, message: CASE_NOTE_MESSAGES.hidden });
  });
});

describe("caseNoteOf", () => {
  it("reads the note of a case-note entry only", () => {
    expect(caseNoteOf({ kind: "claim.note-added", detail: { note: "Checked" } })).toBe("Checked");
    expect(caseNoteOf({ kind: "claim.assigned", detail: { note: "Checked" } })).toBeNull();
    expect(caseNoteOf({ kind: "claim.note-added", detail: null })).toBeNull();
  });
});
