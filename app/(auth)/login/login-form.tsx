"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { SubmitButton } from "@/components/submit-button";
import { TextInput } from "@/components/text-input";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [result, action] = useActionState(signInAction, null);
  return (
    <>
      <ActionErrorSummary result={result} fields={["email", "password"]} />
      <form action={action} noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextInput
          id="email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="username"
          spellCheck={false}
          // React resets the form after the action; the typed email comes back as its default value.
          defaultValue={result?.data?.email}
          error={fieldError(result, "email") ?? (result && !result.ok && !result.fieldErrors ? result.message : undefined)}
        />
        <TextInput
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          error={fieldError(result, "password")}
        />
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </form>
    </>
  );
}
