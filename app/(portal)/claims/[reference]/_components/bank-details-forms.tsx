"use client";

import { BANK_DETAILS_FIELDS, BankDetailsFields } from "../../_components/bank-details-fields";
import { decideBankDetailsChangeAction, proposeBankDetailsAction } from "../actions";
import { ClaimForm } from "./claim-form";

export function ProposeBankDetailsForm({ reference }: { reference: string }) {
  return (
    <ClaimForm
      action={proposeBankDetailsAction}
      hidden={{ reference }}
      fields={BANK_DETAILS_FIELDS}
      submitLabel="Propose new bank details"
      pendingLabel="Checking details…"
      variant="secondary"
    >
      {(result) => <BankDetailsFields result={result} person="you" />}
    </ClaimForm>
  );
}

/** Always rendered (without a change: forms hidden) so the outcome stays on screen after the change is decided. */
export function DecideBankDetailsChangeForms({ reference, changeId }: { reference: string; changeId: string | null }) {
  const showForm = changeId !== null;
  return (
    <div className="flex flex-wrap gap-4">
      <ClaimForm
        action={decideBankDetailsChangeAction}
        showForm={showForm}
        hidden={{ reference, changeId: changeId ?? "", decision: "approve" }}
        fields={[]}
        submitLabel="Approve new bank details"
        pendingLabel="Approving…"
      />
      <ClaimForm
        action={decideBankDetailsChangeAction}
        showForm={showForm}
        hidden={{ reference, changeId: changeId ?? "", decision: "reject" }}
        fields={[]}
        submitLabel="Reject new bank details"
        pendingLabel="Rejecting…"
        variant="warning"
      />
    </div>
  );
}
