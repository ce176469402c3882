"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import type { ActionResult } from "@/lib/actions/result";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by two actions
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/** Irreversible steps get a confirmation: the box must be ticked before the run starts. */
export function ConfirmRunForm(props: { action: Action; id: string; confirmLabel: string; submitLabel: string; runId?: string }) {
  return (
    <ActionForm
      action={props.action}
      className="mb-6"
      fields={["confirm"]}
      ids={{ confirm: props.id }}
      hidden={{ runId: props.runId }}
      submitLabel={props.submitLabel}
      pendingLabel="Running… this can take a minute"
    >
      {(result) => (
        <Checkbox id={props.id} name="confirm" value="yes" label={props.confirmLabel} error={fieldError(result, "confirm")} />
      )}
    </ActionForm>
  );
}
