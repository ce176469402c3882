"use client";

import { fieldError } from "@/components/action-error-summary";
import { TextInput } from "@/components/text-input";
import { assignClaimAction, cancelPaymentAction, reissuePaymentAction } from "../actions";
import { ClaimForm } from "./claim-form";

export function CancelPaymentForm({
  reference,
  paymentId,
  paymentReference,
}: {
  reference: string;
  paymentId: string;
  paymentReference: string;
}) {
  const id = `cancel-reason-${paymentId}`;
  return (
    <ClaimForm
      action={cancelPaymentAction}
      hidden={{ reference, paymentId }}
      fields={["reason"]}
      ids={{ reason: id }}
      submitLabel={`Cancel payment ${paymentReference}`}
      pendingLabel="Cancelling…"
      variant="warning"
    >
      {(result) => (
        <TextInput
          id={id}
          name="reason"
          label={`Why is payment ${paymentReference} cancelled?`}
          error={fieldError(result, "reason")}
        />
      )}
    </ClaimForm>
  );
}

/** Stays mounted once the claim is mine (showForm false), so its outcome still reaches the page's banner. */
export function AssignToMeForm({ reference, version, showForm }: { reference: string; version: number; showForm: boolean }) {
  return (
    <ClaimForm
      action={assignClaimAction}
      showForm={showForm}
      hidden={{ reference, version }}
      fields={[]}
      submitLabel="Assign to me"
      pendingLabel="Assigning…"
      variant="secondary"
    />
  );
}

/** Shown while a failed payment waits to be replaced; the form only once it can be. */
export function ReissuePaymentForm(props: {
  reference: string;
  version: number;
  paymentId: string;
  paymentReference: string;
  showForm: boolean;
}) {
  return (
    <ClaimForm
      action={reissuePaymentAction}
      hidden={{ reference: props.reference, version: props.version, paymentId: props.paymentId }}
      fields={[]}
      submitLabel={`Reissue payment ${props.paymentReference}`}
      pendingLabel="Reissuing…"
      showForm={props.showForm}
    />
  );
}
