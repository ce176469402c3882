"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { reconcileCycleAction } from "../actions";

// "Mark reconciled": an explicit confirmation, and the cycle version the page showed (a decision
// on an older view is refused). Stays mounted with its form hidden once done, so its outcome stays.

export function ReconcileForm({
  cycleId,
  version,
  showForm,
  confirmLabel,
}: {
  cycleId: string;
  version: number;
  showForm: boolean;
  confirmLabel: string;
}) {
  const id = `reconcile-confirm-${cycleId}`;
  return (
    <ActionForm
      action={reconcileCycleAction}
      fields={["confirm"]}
      ids={{ confirm: id }}
      hidden={{ cycleId, version }}
      showForm={showForm}
      submitLabel="Mark reconciled"
      pendingLabel="Marking reconciled…"
      className="mb-6"
    >
      {(result) => <Checkbox id={id} name="confirm" value="yes" label={confirmLabel} error={fieldError(result, "confirm")} />}
    </ActionForm>
  );
}
