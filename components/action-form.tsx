"use client";

import { startTransition, useActionState, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ActionErrorSummary } from "./action-error-summary";
import type { ButtonVariant } from "./button-styles";
import { SuccessMessage } from "./notification-from-result";
import { SubmitButton } from "./submit-button";

type Result<T> = ActionResult<T> | null;

/**
 * The frame of an action form: the error summary linking to the fields, the outcome of the last
 * submit (the success message unless `outcome` draws it), and the form: hidden values, fields drawn
 * with the latest result so each can show its own error, and a submit button.
 */
export function ActionForm<T>(props: {
  action: (previous: Result<T>, formData: FormData) => Promise<ActionResult<T>>;
  /** The fields that can carry an error, in the form's order (the error summary's order). */
  fields?: string[];
  /** A field's element id where it differs from its name. */
  ids?: Record<string, string>;
  /** Hidden inputs; an undefined value is left out. */
  hidden?: Record<string, string | number | undefined>;
  submitLabel: ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
  className?: string;
  /** False hides the form but keeps the outcome of the last submit on screen. */
  showForm?: boolean;
  /**
   * Submit from onSubmit, not through the form action: React 19 resets a form after its action,
   * which would wipe a long entry the user must correct. Without JavaScript the plain form action
   * still works.
   */
  keepValues?: boolean;
  /** What the last submit did; the success message by default. */
  outcome?: (result: Result<T>) => ReactNode;
  /** Wraps the form, e.g. folds it away; the error summary and outcome stay outside. */
  wrapForm?: (form: ReactNode, result: Result<T>) => ReactNode;
  children?: ReactNode | ((result: Result<T>) => ReactNode);
}) {
  const [result, action, pending] = useActionState<Result<T>, FormData>(props.action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const hidden = Object.entries(props.hidden ?? {}).filter(([, value]) => value !== undefined);
  const form = (
    <form action={action} onSubmit={props.keepValues ? onSubmit : undefined} noValidate>
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {typeof props.children === "function" ? props.children(result) : props.children}
      <SubmitButton
        variant={props.variant}
        pendingLabel={props.pendingLabel}
        pending={props.keepValues ? pending : undefined}
        aria-disabled={props.keepValues ? pending : undefined}
      >
        {props.submitLabel}
      </SubmitButton>
    </form>
  );
  return (
    <div className={props.className}>
      <ActionErrorSummary result={result} fields={props.fields ?? []} ids={props.ids} />
      {props.outcome ? props.outcome(result) : <SuccessMessage result={result} />}
      {props.showForm !== false && (props.wrapForm ? props.wrapForm(form, result) : form)}
    </div>
  );
}
