"use client";

import { fieldError } from "@/components/action-error-summary";
import { Radios } from "@/components/field";
import { reissueVoucherAction } from "../actions";
import { ClaimForm } from "./claim-form";

/**
 * Replacing an expired or cancelled voucher: a new voucher, or a bank transfer when the claimant's
 * approved details can be paid to. Stays mounted after the reissue (showForm false) so its outcome
 * stays on screen.
 */
export function VoucherReissueForm(props: {
  reference: string;
  version: number;
  paymentId: string;
  voucherReference: string;
  /** The masked account number when a switch to bank is possible; null offers a new voucher only. */
  bankAccount: string | null;
  showForm: boolean;
}) {
  const options = [
    {
      value: "CASH",
      label: "Send a new Post Office voucher",
      hint: "A new payment of the same amount, with a new reference, in the next Payout run. The claimant gets a new code.",
    },
    ...(props.bankAccount
      ? [
          {
            value: "BANK",
            label: "Pay by bank transfer instead",
            hint: `To the claimant's approved bank details (account ${props.bankAccount}), in the next direct-payments run. The claim becomes a bank claim.`,
          },
        ]
      : []),
  ];
  return (
    <ClaimForm
      action={reissueVoucherAction}
      hidden={{ reference: props.reference, version: props.version, paymentId: props.paymentId }}
      fields={["method"]}
      ids={{ method: "reissue-method" }}
      submitLabel={`Reissue payment ${props.voucherReference}`}
      pendingLabel="Reissuing…"
      showForm={props.showForm}
    >
      {(result) => (
        <Radios
          name="method"
          idPrefix="reissue-method"
          legend={`How should the claimant be paid instead of voucher ${props.voucherReference}?`}
          options={options}
          defaultValue={options.length === 1 ? "CASH" : undefined}
          error={fieldError(result, "method")}
        />
      )}
    </ClaimForm>
  );
}
