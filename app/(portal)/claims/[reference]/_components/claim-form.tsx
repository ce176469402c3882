"use client";

import { useActionState, type ReactNode } from "react";
import { ActionErrorSummary } from "@/components/action-error-summary";
import type { ButtonVariant } from "@/components/button-styles";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/actions/result";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action carries its own data type
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/**
 * One action on a claim: the hidden reference and version (so a stale page is refused), an error
 * summary linking to the fields, the success message, and fields drawn with the latest result
 * so each can show its own error.
 */
export function ClaimForm(props: {
  action: Action;
  hidden: Record<string, string | number>;
  fields: string[];
  ids?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  children?: (result: ActionResult | null) => ReactNode;
}) {
  const [result, action] = useActionState(props.action, null);
  return (
    <div>
      <ActionErrorSummary result={result} fields={props.fields} ids={props.ids} />
      <SuccessMessage result={result} />
      <form action={action} noValidate>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {props.children?.(result)}
        <SubmitButton variant={props.variant} pendingLabel={props.pendingLabel}>
          {props.submitLabel}
        </SubmitButton>
      </form>
    </div>
  );
}
