"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { SuccessMessage } from "@/components/notification-from-result";
import { NewPasswordFields } from "@/components/new-password-fields";
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
        <NewPasswordFields result={result} minLength={minLength} />
        <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
      </form>
    </>
  );
}
