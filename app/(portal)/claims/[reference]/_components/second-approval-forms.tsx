"use client";

import { fieldError } from "@/components/action-error-summary";
import { Textarea } from "@/components/textarea";
import { RETURN_NOTE_MAX } from "@/lib/claims/rules/second-approval";
import { returnClaimAction, secondApproveClaimAction } from "../actions";
import { ClaimForm } from "./claim-form";

type Props = { reference: string; version: number; showForm: boolean };

export function SecondApproveForm({ reference, version, showForm }: Props) {
  return (
    <ClaimForm
      action={secondApproveClaimAction}
      hidden={{ reference, version }}
      fields={[]}
      showForm={showForm}
      submitLabel="Approve and create the payment"
      pendingLabel="Approving…"
    />
  );
}

export function ReturnClaimForm({ reference, version, showForm }: Props) {
  return (
    <ClaimForm
      action={returnClaimAction}
      hidden={{ reference, version }}
      fields={["note"]}
      ids={{ note: "return-note" }}
      showForm={showForm}
      summary="Return the claim to be decided again"
      submitLabel="Return the claim"
      pendingLabel="Returning…"
      variant="warning"
    >
      {(result) => (
        <Textarea
          id="return-note"
          name="note"
          label="Why the approval does not stand"
          hint="For the timeline and the caseworker who decides the claim again; the claimant does not see it. 5 to 500 characters."
          rows={3}
          maxLength={RETURN_NOTE_MAX}
          error={fieldError(result, "note")}
        />
      )}
    </ClaimForm>
  );
}
