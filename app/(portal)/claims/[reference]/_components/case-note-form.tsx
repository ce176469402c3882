"use client";

import { ActionForm } from "@/components/action-form";
import { fieldError } from "@/components/action-error-summary";
import { Textarea } from "@/components/textarea";
import { CASE_NOTE_MAX_LENGTH } from "@/lib/claims/queue/case-note";
import { addCaseNoteAction } from "../note-actions";

export function CaseNoteForm({ reference }: { reference: string }) {
  return (
    <ActionForm
      action={addCaseNoteAction}
      hidden={{ reference }}
      fields={["note"]}
      ids={{ note: "case-note" }}
      submitLabel="Add case note"
      pendingLabel="Adding…"
      variant="secondary"
    >
      {(result) => (
        <Textarea
          id="case-note"
          name="note"
          label={<span className="text-xl font-bold">Add a case note</span>}
          hint={`Seen by caseworkers and admins on this timeline, never by the claimant. Up to ${CASE_NOTE_MAX_LENGTH.toLocaleString("en-GB")} characters.`}
          maxLength={CASE_NOTE_MAX_LENGTH}
          rows={3}
          error={fieldError(result, "note")}
        />
      )}
    </ActionForm>
  );
}
