"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { ConfirmWithReasonForm } from "@/components/confirm-with-reason-form";
import { Radios } from "@/components/radios";
import { retryPayoutDeliveryAction, returnPayoutBatchAction, settleUncertainDeliveryAction } from "./actions";

// Each form asks for an explicit confirmation (and a reason where payments change hands), and stays
// mounted with the form hidden (showForm false) once it no longer applies, so its outcome stays on
// screen after the page refreshes.

export function RetryDeliveryForm({ batchId, showForm }: { batchId: string; showForm: boolean }) {
  const id = `retry-confirm-${batchId}`;
  return (
    <ActionForm
      action={retryPayoutDeliveryAction}
      fields={["confirm"]}
      ids={{ confirm: id }}
      hidden={{ batchId }}
      showForm={showForm}
      submitLabel="Retry delivery"
      pendingLabel="Delivering… this can take a minute"
      className="mb-6"
    >
      {(result) => (
        <Checkbox
          id={id}
          name="confirm"
          value="yes"
          label="Send this batch's stored file again, byte for byte. A copy the Post Office may already have is looked for first and never sent twice."
          error={fieldError(result, "confirm")}
        />
      )}
    </ActionForm>
  );
}

export function SettleUncertainDeliveryForm({ batchId, showForm }: { batchId: string; showForm: boolean }) {
  const ids = {
    decision: `settle-decision-${batchId}`,
    reason: `settle-reason-${batchId}`,
    confirm: `settle-confirm-${batchId}`,
  };
  return (
    <ConfirmWithReasonForm
      action={settleUncertainDeliveryAction}
      fields={["decision"]}
      ids={ids}
      hidden={{ batchId }}
      showForm={showForm}
      reason={{
        label: "Reason or note",
        hint: "For example: the Post Office confirmed on 23 November (call reference ABC123) that they did not receive the file.",
      }}
      confirmLabel="I have checked with the Post Office"
      submitLabel="Settle the delivery"
      pendingLabel="Settling…"
      className="mb-6"
    >
      {(result) => (
        <Radios
          name="decision"
          idPrefix={ids.decision}
          legend="What did the Post Office say about this file?"
          options={[
            {
              value: "CONFIRM_DELIVERED",
              label: "They have it: confirm it as delivered",
              hint: "Its payments become sent, as if the delivery had been confirmed at the time.",
            },
            {
              value: "RETURN_TO_NEW",
              label: "They do not have it: return its payments to NEW",
              hint: "The batch becomes void and the next Payout run puts its payments in a new file. A reason is needed.",
            },
          ]}
          error={fieldError(result, "decision")}
        />
      )}
    </ConfirmWithReasonForm>
  );
}

export function ReturnBatchForm({
  batchId,
  showForm,
  delivered,
}: {
  batchId: string;
  showForm: boolean;
  /** Delivered to the Post Office: the return becomes a request for a second admin. */
  delivered: boolean;
}) {
  return (
    <ConfirmWithReasonForm
      action={returnPayoutBatchAction}
      ids={{ reason: `return-reason-${batchId}`, confirm: `return-confirm-${batchId}` }}
      hidden={{ batchId }}
      showForm={showForm}
      fold="Return this batch's unsettled payments to NEW"
      reason={{
        label: "Why are these payments returned?",
        hint: "For example: the Post Office rejected the file on 23 November, reference ABC123.",
      }}
      confirmLabel="The Post Office will not pay these payments' vouchers."
      submitLabel="Return unsettled payments to NEW"
      pendingLabel="Returning…"
    >
      {() => (
        <p className="mb-4">
          Payments with no payment code go back to NEW and into the next Payout run, in a new file. Vouchers that have a code or
          an outcome stay as they are.
          {delivered && " This batch was delivered to the Post Office: another administrator must approve the return first."}
        </p>
      )}
    </ConfirmWithReasonForm>
  );
}
