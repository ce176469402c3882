"use client";

import { ActionForm } from "@/components/action-form";
import { fieldError } from "@/components/action-error-summary";
import { DateInput, Radios, TextInput } from "@/components/field";
import { WarningText } from "@/components/warning-text";
import type { ActionResult } from "@/lib/actions/result";
import { dayFieldId } from "@/lib/plans/enrolments/date-fields";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { BankDetailsFields } from "../../../../claims/_components/bank-details-fields";
import { AttributeInputs } from "../../../_components/attribute-inputs";
import {
  changeBeneficiaryAttributesAction,
  decideBeneficiaryBankDetailsAction,
  decidePaymentMethodAction,
  endEnrolmentAction,
  proposeBeneficiaryBankDetailsAction,
  proposePaymentMethodAction,
} from "./actions";

type Who = { planCode: string; personReference: string };

export function ChangeAttributesForm({
  who,
  declarations,
  values,
  fields,
}: {
  who: Who;
  declarations: AttributeDeclaration[];
  values: Record<string, string>;
  fields: string[];
}) {
  return (
    <ActionForm
      action={changeBeneficiaryAttributesAction}
      fields={fields}
      hidden={who}
      submitLabel="Record the change"
      pendingLabel="Recording…"
      variant="secondary"
      keepValues
    >
      {(result: ActionResult | null) => (
        <>
          <DateInput
            id="effectiveFrom"
            name="effectiveFrom"
            legend="In force from"
            hint="The first day the new values apply. Cycles for earlier periods keep the values they used."
            error={fieldError(result, dayFieldId("effectiveFrom"))}
          />
          <AttributeInputs declarations={declarations} values={values} result={result} />
        </>
      )}
    </ActionForm>
  );
}

export function EndEnrolmentForm({ who }: { who: Who }) {
  return (
    <ActionForm
      action={endEnrolmentAction}
      fields={[dayFieldId("enrolledTo"), "endReason", "otherReason"]}
      hidden={who}
      submitLabel="End the enrolment"
      pendingLabel="Ending…"
      variant="warning"
      keepValues
    >
      {(result: ActionResult | null) => (
        <>
          <WarningText>A cycle for a period that starts after the last day will not pay this person.</WarningText>
          <DateInput
            id="enrolledTo"
            name="enrolledTo"
            legend="Last day of the enrolment"
            error={fieldError(result, dayFieldId("enrolledTo"))}
          />
          <Radios
            name="endReason"
            legend="Why does it end?"
            options={[
              { value: "DEATH", label: "Death" },
              { value: "MOVED_AWAY", label: "Moved away" },
              { value: "NO_LONGER_ELIGIBLE", label: "No longer eligible" },
              { value: "OTHER", label: "Other" },
            ]}
            error={fieldError(result, "endReason")}
          />
          <TextInput
            id="otherReason"
            name="otherReason"
            label="The reason, if other"
            error={fieldError(result, "otherReason")}
            maxLength={200}
            autoComplete="off"
          />
        </>
      )}
    </ActionForm>
  );
}

export function ProposeBankDetailsForm({ who }: { who: Who }) {
  return (
    <ActionForm
      action={proposeBeneficiaryBankDetailsAction}
      fields={["nameOnAccount", "sortCode", "accountNumber", "rollNumber"]}
      hidden={who}
      submitLabel="Propose new bank details"
      pendingLabel="Checking details…"
      variant="secondary"
      keepValues
    >
      {(result: ActionResult | null) => <BankDetailsFields result={result} person="they" />}
    </ActionForm>
  );
}

/** Approve and reject, side by side; drawn without forms (showForm false) once decided, so the outcome stays. */
export function DecideForms({
  who,
  kind,
  changeId,
  showForm,
  approveOnly = false,
}: {
  who: Who;
  kind: "bank" | "method";
  changeId?: string;
  showForm: boolean;
  /** A new enrolment's first method: there is none to fall back to, so no reject button. */
  approveOnly?: boolean;
}) {
  const action = kind === "bank" ? decideBeneficiaryBankDetailsAction : decidePaymentMethodAction;
  const what = kind === "bank" ? "new bank details" : "new payment method";
  return (
    <div className="flex flex-wrap gap-4">
      <ActionForm
        action={action}
        showForm={showForm}
        hidden={{ ...who, changeId, decision: "approve" }}
        submitLabel={`Approve ${what}`}
        pendingLabel="Approving…"
      />
      <ActionForm
        action={action}
        showForm={showForm && !approveOnly}
        hidden={{ ...who, changeId, decision: "reject" }}
        submitLabel={`Reject ${what}`}
        pendingLabel="Rejecting…"
        variant="warning"
      />
    </div>
  );
}

export function ProposePaymentMethodForm({ who, current }: { who: Who; current: "BANK" | "CASH" }) {
  return (
    <ActionForm
      action={proposePaymentMethodAction}
      fields={["paymentMethod"]}
      hidden={who}
      submitLabel="Propose the new payment method"
      pendingLabel="Proposing…"
      variant="secondary"
    >
      {(result: ActionResult | null) => (
        <Radios
          name="paymentMethod"
          legend="New payment method"
          hint="Another plan manager must approve it; the person's unsent payments of this plan are on hold until then."
          options={[
            { value: "BANK", label: "Bank transfer" },
            { value: "CASH", label: "Cash at a Post Office" },
          ].filter((o) => o.value !== current)}
          error={fieldError(result, "paymentMethod")}
        />
      )}
    </ActionForm>
  );
}
