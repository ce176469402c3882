"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { ConfirmWithReasonForm } from "@/components/confirm-with-reason-form";
import { approveCycleAction, rebuildPayrollAction, rejectCycleAction } from "../actions";

// Approving and rejecting a cycle, and rebuilding a rejected payroll: each asks for an explicit
// confirmation (rejecting, through the shared confirm-with-reason form, also a reason), names the
// cycle version the page showed (a decision on an older view is refused), and stays mounted with
// its form hidden once done, so its outcome stays on screen.

type Props = { cycleId: string; version: number; showForm: boolean };
type Action = typeof approveCycleAction | typeof rebuildPayrollAction;

/** A step with no reason to give: an explicit tick, then the button. */
function ConfirmStepForm(
  props: Props & { action: Action; idPrefix: string; label: string; submitLabel: string; pendingLabel: string },
) {
  const id = `${props.idPrefix}-confirm-${props.cycleId}`;
  return (
    <ActionForm
      action={props.action}
      fields={["confirm"]}
      ids={{ confirm: id }}
      hidden={{ cycleId: props.cycleId, version: props.version }}
      showForm={props.showForm}
      submitLabel={props.submitLabel}
      pendingLabel={props.pendingLabel}
      className="mb-6"
    >
      {(result) => <Checkbox id={id} name="confirm" value="yes" label={props.label} error={fieldError(result, "confirm")} />}
    </ActionForm>
  );
}

export function ApproveCycleForm({ payments, total, ...props }: Props & { payments: string; total: string }) {
  return (
    <ConfirmStepForm
      {...props}
      action={approveCycleAction}
      idPrefix="approve"
      label={`Approve ${payments} (${total}): they go into the next bank and Payout runs. This cannot be undone.`}
      submitLabel="Approve cycle"
      pendingLabel="Approving…"
    />
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

export function RebuildPayrollForm(props: Props) {
  return (
    <ConfirmStepForm
      {...props}
      action={rebuildPayrollAction}
      idPrefix="rebuild"
      label="Work the payroll out again with the plan's latest rule and today's enrolments. Payments no longer due are cancelled as rebuilt; a payment above the limit is suspended again, even one approved before; a rejected one stays rejected."
      submitLabel="Rebuild payroll"
      pendingLabel="Rebuilding the payroll…"
    />
  );
}
