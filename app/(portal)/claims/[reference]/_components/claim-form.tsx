"use client";

import { startTransition, useActionState, type FormEvent, type ReactNode } from "react";
import { ActionErrorSummary } from "@/components/action-error-summary";
import type { ButtonVariant } from "@/components/button-styles";
import { SuccessMessage } from "@/components/notification-from-result";
import { Button } from "@/components/button";
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
  /**
   * False hides the form but keeps the outcome of the last submit on screen: a decision changes
   * the claim so the form no longer applies, and the caseworker still needs to see what happened.
   */
  showForm?: boolean;
  /** Folds the form away under this summary (the result stays outside the fold). */
  summary?: string;
  children?: (result: ActionResult | null) => ReactNode;
}) {
  const [result, action, pending] = useActionState(props.action, null);
  // Submitting through the action directly would reset the form afterwards (React 19), wiping a
  // long decision the caseworker must correct; calling it from onSubmit keeps what they entered.
  // Without JavaScript the plain form action still works.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const form = (
    <form action={action} onSubmit={onSubmit} noValidate>
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.children?.(result)}
      <Button variant={props.variant} disabled={pending} aria-disabled={pending}>
        {pending ? props.pendingLabel : props.submitLabel}
      </Button>
      <span role="status" className="sr-only">
        {pending ? props.pendingLabel : ""}
      </span>
    </form>
  );
  return (
    <div>
      <ActionErrorSummary result={result} fields={props.fields} ids={props.ids} />
      <SuccessMessage result={result} />
      {props.showForm !== false && <Fold summary={props.summary}>{form}</Fold>}
    </div>
  );
}

function Fold({ summary, children }: { summary?: string; children: ReactNode }) {
  if (!summary) return children;
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-link underline">{summary}</summary>
      <div className="mt-4 border-l-4 border-mid-grey pl-4">{children}</div>
    </details>
  );
}
