"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { SubmitButton } from "@/components/submit-button";
import { TextInput } from "@/components/text-input";
import { createApiTokenAction } from "./actions";
import { OneTimeTokenPanel } from "./one-time-token-panel";

type Created = { name: string; token: string };

export function CreateApiTokenForm() {
  const [result, action] = useActionState(createApiTokenAction, null);
  const created = result?.ok ? (result.data as Created) : undefined;
  return (
    <>
      <ActionErrorSummary result={result} fields={["name"]} />
      {created && <OneTimeTokenPanel name={created.name} token={created.token} />}
      <form action={action} noValidate className="max-w-xl" key={created?.token}>
        <TextInput
          id="name"
          name="name"
          label="Token name"
          hint="Say who uses it, so you know what breaks if you revoke it, for example ‘Online claim form (production)’."
          autoComplete="off"
          maxLength={100}
          error={fieldError(result, "name")}
        />
        <SubmitButton pendingLabel="Creating token…">Create token</SubmitButton>
      </form>
    </>
  );
}
