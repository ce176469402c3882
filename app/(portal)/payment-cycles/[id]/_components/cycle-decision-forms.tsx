"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { ConfirmWithReasonForm } from "@/components/confirm-with-reason-form";
import { approveCycleAction, rebuildPayrollAction, rejectCycleAction } from "../actions";

// Approving and rejecting a cycle, and rebuilding a rejected payroll: each asks for an explicit
// confirmation, names the cycle version the page showed (a decision on an older view is refused),
// and stays mounted with its form hidden once done, so its outcome stays on screen.

type Props = { cycleId: string; version: number; showForm: boolean };

export function ApproveCycleForm({ cycleId, version, showForm, payments, total }: Props & { payments: string; total: string }) {
  const id = `approve-confirm-${cycleId}`;
  return (
    <ActionForm
      action={approveCycleAction}
      fields={["confirm"]}
      ids={{ confirm: id }}
      hidden={{ cycleId, version }}
      showForm={showForm}
      submitLabel="Approve cycle"
      pendingLabel="Approving…"
      className="mb-6"
    >
      {(result) => (
        <Checkbox
          id={id}
          name="confirm"
          value="yes"
          label={`Approve ${payments} (${total}): they go into the next bank and Payout runs. This cannot be undone.`}
          error={fieldError(result, "confirm")}
        />
      )}
    </ActionForm>
  );
}

export function RejectCycleForm({ cycleId, version, showForm }: Props) {
  return (
    <ConfirmWithReasonForm
      action={rejectCycleAction}
      ids={{ reason: `reject-reason-${cycleId}`, confirm: `reject-confirm-${cycleId}` }}
      hidden={{ cycleId, version: String(version) }}
      reason={{
        label: "Why is the payroll rejected?",
        hint: "The maker reads this before rebuilding it. For example: the plan's new rule version was not used.",
      }}
      confirmLabel="Send this payroll back to be rebuilt. Nothing is paid until a rebuilt payroll is approved."
      submitLabel="Reject cycle"
      pendingLabel="Rejecting…"
      fold="Reject this cycle"
      showForm={showForm}
      className="mb-6"
    />
  );
}

export function RebuildPayrollForm({ cycleId, version, showForm }: Props) {
  const id = `rebuild-confirm-${cycleId}`;
  return (
    <ActionForm
      action={rebuildPayrollAction}
      fields={["confirm"]}
      ids={{ confirm: id }}
      hidden={{ cycleId, version }}
      showForm={showForm}
      submitLabel="Rebuild payroll"
      pendingLabel="Rebuilding the payroll…"
      className="mb-6"
    >
      {(result) => (
        <Checkbox
          id={id}
          name="confirm"
          value="yes"
          label="Work the payroll out again with the plan's latest rule and today's enrolments. Payments no longer due are cancelled as rebuilt; a payment above the limit is suspended again, even one approved before; a rejected one stays rejected."
          error={fieldError(result, "confirm")}
        />
      )}
    </ActionForm>
  );
}
