"use client";

import { fieldError } from "@/components/action-error-summary";
import { ConfirmWithReasonForm } from "@/components/confirm-with-reason-form";
import { Radios } from "@/components/radios";
import { TextInput } from "@/components/text-input";
import { settleVoucherStatusAction } from "./actions";

/** For a conflicting reconciliation row: the admin accepts the Post Office's status, with a reason. */
export function SettleVoucherForm(props: {
  uploadId: string;
  paymentId: string;
  paymentReference: string;
  /** The status the report gives, chosen to start with. */
  reported: "CASHED" | "EXPIRED" | "CANCELLED";
}) {
  const base = `settle-${props.paymentId}`;
  const ids = { status: `${base}-status`, statusDate: `${base}-date`, reason: `${base}-reason`, confirm: `${base}-confirm` };
  return (
    <ConfirmWithReasonForm
      action={settleVoucherStatusAction}
      fields={["status", "statusDate"]}
      ids={ids}
      hidden={{ uploadId: props.uploadId, paymentId: props.paymentId }}
      fold={`Accept the Post Office's status for ${props.paymentReference}`}
      reason={{
        label: "Why do you accept it?",
        hint: "For example: the Post Office confirmed on the phone that the voucher was cashed on 2 December, after it was reported expired.",
      }}
      confirmLabel="The Post Office's status replaces the one recorded for this voucher"
      submitLabel={`Accept the Post Office's status for ${props.paymentReference}`}
      pendingLabel="Saving…"
    >
      {(result) => (
        <>
          <Radios
            name="status"
            idPrefix={ids.status}
            legend="The status the Post Office reports"
            inline
            options={[
              { value: "CASHED", label: "Cashed" },
              { value: "EXPIRED", label: "Expired" },
              { value: "CANCELLED", label: "Cancelled" },
            ]}
            defaultValue={props.reported}
            error={fieldError(result, "status")}
          />
          <TextInput
            id={ids.statusDate}
            name="statusDate"
            type="date"
            label="The Post Office's status date"
            hint="As the report gives it"
            width="10"
            error={fieldError(result, "statusDate")}
          />
        </>
      )}
    </ConfirmWithReasonForm>
  );
}
