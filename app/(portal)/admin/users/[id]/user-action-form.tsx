"use client";

import { useActionState, type ReactNode } from "react";
import { ActionErrorSummary } from "@/components/action-error-summary";
import type { ButtonVariant } from "@/components/button-styles";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/actions/result";
import { OneTimePasswordPanel } from "../one-time-password-panel";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own data type
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/** One admin action on a user: hidden user id, optional fields, a button, and its outcome. */
export function UserActionForm(props: {
  action: Action;
  userId: string;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  fields?: string[];
  hidden?: Record<string, string>;
  /** False hides the form but keeps the outcome of the last submit on screen (e.g. after unlocking). */
  showForm?: boolean;
  children?: ReactNode;
}) {
  const [result, action] = useActionState(props.action, null);
  const oneTimePassword = result?.ok ? (result.data as { oneTimePassword?: string } | undefined)?.oneTimePassword : undefined;
  return (
    <div className="mb-6">
      <ActionErrorSummary result={result} fields={props.fields ?? []} />
      {oneTimePassword ? (
        <OneTimePasswordPanel title="Password reset" password={oneTimePassword} />
      ) : (
        <SuccessMessage result={result} />
      )}
      {props.showForm !== false && (
        <form action={action}>
          <input type="hidden" name="userId" value={props.userId} />
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {props.children}
          <SubmitButton variant={props.variant ?? "secondary"} pendingLabel={props.pendingLabel}>
            {props.label}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
