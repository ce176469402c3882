"use client";

import { fieldError } from "@/components/action-error-summary";
import { TextInput } from "@/components/text-input";
import { decideBankDetailsChangeAction, proposeBankDetailsAction } from "../actions";
import { ClaimForm } from "./claim-form";

const FIELDS = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"];

export function ProposeBankDetailsForm({ reference }: { reference: string }) {
  return (
    <ClaimForm
      action={proposeBankDetailsAction}
      hidden={{ reference }}
      fields={FIELDS}
      submitLabel="Propose new bank details"
      pendingLabel="Checking details…"
      variant="secondary"
    >
      {(result) => (
        <>
          <TextInput
            id="nameOnAccount"
            name="nameOnAccount"
            label="Name on the account"
            autoComplete="off"
            spellCheck={false}
            error={fieldError(result, "nameOnAccount")}
          />
          <TextInput
            id="sortCode"
            name="sortCode"
            label="Sort code"
            hint="Must be 6 digits long"
            width="5"
            inputMode="numeric"
            autoComplete="off"
            error={fieldError(result, "sortCode")}
          />
          <TextInput
            id="accountNumber"
            name="accountNumber"
            label="Account number"
            hint="Must be 8 digits long"
            width="10"
            inputMode="numeric"
            autoComplete="off"
            error={fieldError(result, "accountNumber")}
          />
          <TextInput
            id="rollNumber"
            name="rollNumber"
            label="Building society roll number (if you have one)"
            hint="You can find it on your card, statement or passbook"
            width="10"
            autoComplete="off"
            error={fieldError(result, "rollNumber")}
          />
        </>
      )}
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
