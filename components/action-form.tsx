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
 * with the latest result so each can show its own error, and a submit button. The summary and the
 * success message go to the top of the page (components/page-messages.tsx).
 */
export function ActionForm<T>(props: {
  action: (previous: Result<T>, formData: FormData) => Promise<ActionResult<T>>;
  /** The fields that can carry an error, in the form's order (the error summary's order). */
  fields?: string[];
  /** A field's element id where it differs from its name. */
  ids?: Record<string, string>;
  /** Hidden inputs; an undefined value is left out. */
  hidden?: Record<string, string | number | undefined>;
  /** A function of the last result where the step changes it (check your answers, then confirm). */
  submitLabel: ReactNode | ((result: Result<T>) => ReactNode);
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
  // The server action itself goes to useActionState, never a wrapper: only a server action lets the
  // form work without JavaScript (the server runs it and draws the result). The error summary and
  // success message below publish the result to the top of the page; a form whose outcome must stay
  // on screen after the change it makes stays mounted with showForm={false}.
  const [result, action, pending] = useActionState<Result<T>, FormData>(props.action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    // With the button pressed, as a form posted without JavaScript sends it (e.g. "Change" beside "Confirm").
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
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
        {typeof props.submitLabel === "function" ? props.submitLabel(result) : props.submitLabel}
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
