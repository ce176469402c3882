"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import { TextInput } from "@/components/text-input";
import { changeOwnPasswordAction } from "./actions";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [result, action] = useActionState(changeOwnPasswordAction, null);
  return (
    <>
      <ActionErrorSummary result={result} fields={FIELDS} />
      <SuccessMessage result={result} />
      <form action={action} noValidate>
        <TextInput
          id="currentPassword"
          name="currentPassword"
          type="password"
          label="Current password"
          autoComplete="current-password"
          error={fieldError(result, "currentPassword")}
        />
        <TextInput
          id="newPassword"
          name="newPassword"
          type="password"
          label="New password"
          hint={`At least ${minLength} characters. A few unrelated words make a strong password.`}
          autoComplete="new-password"
          error={fieldError(result, "newPassword")}
        />
        <TextInput
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          label="Confirm new password"
          autoComplete="new-password"
          error={fieldError(result, "confirmPassword")}
        />
        <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
      </form>
    </>
  );
}
