"use client";

import { fieldError } from "@/components/action-error-summary";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { Textarea } from "@/components/textarea";
import { INFORMATION_REQUEST_KINDS } from "@/lib/claims/rules/information-request";
import { REJECTION_REASONS } from "@/lib/claims/rules/rejection-reasons";
import { recordResponseAction, rejectClaimAction, requestInformationAction } from "../actions";
import { ClaimForm } from "./claim-form";

type Props = { reference: string; version: number; showForm: boolean };

export function RejectClaimForm({ reference, version, showForm }: Props) {
  return (
    <ClaimForm
      action={rejectClaimAction}
      hidden={{ reference, version }}
      fields={["rejectionReason", "note"]}
      ids={{ rejectionReason: "reject-reason", note: "reject-note" }}
      showForm={showForm}
      summary="Reject the whole claim"
      submitLabel="Reject claim"
      pendingLabel="Rejecting…"
      variant="warning"
    >
      {(result) => (
        <>
          <Select
            id="reject-reason"
            name="rejectionReason"
            label="Reason"
            options={[
              { value: "", label: "Choose a reason" },
              ...REJECTION_REASONS.map((r) => ({ value: r.code, label: r.label })),
            ]}
            error={fieldError(result, "rejectionReason")}
          />
          <Textarea
            id="reject-note"
            name="note"
            label="Note for the claimant"
            hint="Up to 2,000 characters."
            rows={3}
            maxLength={2000}
            error={fieldError(result, "note")}
          />
        </>
      )}
    </ClaimForm>
  );
}

export function RequestInformationForm({ reference, version, showForm }: Props) {
  return (
    <ClaimForm
      action={requestInformationAction}
      hidden={{ reference, version }}
      fields={["kind", "note"]}
      ids={{ kind: "request-kind", note: "request-note" }}
      showForm={showForm}
      summary="Request information from the claimant"
      submitLabel="Request information"
      pendingLabel="Requesting…"
      variant="secondary"
    >
      {(result) => (
        <>
          <Radios
            name="kind"
            idPrefix="request-kind"
            legend="What do you need?"
            options={INFORMATION_REQUEST_KINDS.map((k) => ({ value: k.code, label: k.label }))}
            error={fieldError(result, "kind")}
          />
          <Textarea
            id="request-note"
            name="note"
            label="What the claimant needs to send"
            hint="This is sent to the claimant. Up to 2,000 characters."
            rows={3}
            maxLength={2000}
            error={fieldError(result, "note")}
          />
        </>
      )}
    </ClaimForm>
  );
}

export function RecordResponseForm({ reference, version, showForm }: Props) {
  return (
    <ClaimForm
      action={recordResponseAction}
      hidden={{ reference, version }}
      fields={["message"]}
      showForm={showForm}
      submitLabel="Record response"
      pendingLabel="Recording…"
    >
      {(result) => (
        <Textarea
          id="message"
          name="message"
          label="The claimant's response"
          hint="What they told you or sent, for the timeline. New bank details go through 'Change bank details'."
          rows={4}
          maxLength={2000}
          error={fieldError(result, "message")}
        />
      )}
    </ClaimForm>
  );
}
