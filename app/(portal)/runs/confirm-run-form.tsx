"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { Checkbox } from "@/components/checkboxes";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/actions/result";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by two actions
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/** Irreversible steps get a confirmation: the box must be ticked before the run starts. */
export function ConfirmRunForm(props: { action: Action; id: string; confirmLabel: string; submitLabel: string; runId?: string }) {
  const [result, action] = useActionState(props.action, null);
  return (
    <div className="mb-6">
      <ActionErrorSummary result={result} fields={["confirm"]} ids={{ confirm: props.id }} />
      <SuccessMessage result={result} />
      <form action={action} noValidate>
        {props.runId && <input type="hidden" name="runId" value={props.runId} />}
        <Checkbox id={props.id} name="confirm" value="yes" label={props.confirmLabel} error={fieldError(result, "confirm")} />
        <SubmitButton pendingLabel="Running… this can take a minute">{props.submitLabel}</SubmitButton>
      </form>
    </div>
  );
}
