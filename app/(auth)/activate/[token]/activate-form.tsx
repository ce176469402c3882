"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ActionErrorSummary } from "@/components/action-error-summary";
import { SuccessMessage } from "@/components/notification-from-result";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { activateAccountAction } from "./actions";

const FIELDS = ["newPassword", "confirmPassword"];

export function ActivateForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const [result, action] = useActionState(activateAccountAction, null);
  if (result?.ok) {
    return (
      <>
        <SuccessMessage result={result} />
        <p>
          <Link href="/login" className="text-link underline">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ActionErrorSummary result={result} fields={FIELDS} />
      <form action={action} noValidate>
        <input type="hidden" name="token" value={token} />
        {/* For password managers: which account the new password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <NewPasswordFields result={result} minLength={minLength} />
        <SubmitButton pendingLabel="Setting password…">Set password</SubmitButton>
      </form>
    </>
  );
}
