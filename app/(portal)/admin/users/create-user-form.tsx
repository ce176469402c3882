"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { TextInput } from "@/components/text-input";
import { createUserAction } from "./actions";
import { OneTimePasswordPanel } from "./one-time-password-panel";
import { roleOptions } from "./role-options";

type Created = { oneTimePassword: string; email: string };

export function CreateUserForm() {
  const [result, action] = useActionState(createUserAction, null);
  const created = result?.ok ? (result.data as Created) : undefined;
  return (
    <>
      <ActionErrorSummary result={result} fields={["name", "email", "role"]} />
      {created && <OneTimePasswordPanel title={`User ${created.email} created`} password={created.oneTimePassword} />}
      <form action={action} noValidate className="max-w-xl" key={created?.email}>
        <TextInput
          id="name"
          name="name"
          label="Full name"
          autoComplete="off"
          spellCheck={false}
          error={fieldError(result, "name")}
        />
        <TextInput
          id="email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="off"
          spellCheck={false}
          error={fieldError(result, "email")}
        />
        <Select
          id="role"
          name="role"
          label="Role"
          options={[{ value: "", label: "Choose a role" }, ...roleOptions]}
          error={fieldError(result, "role")}
        />
        <SubmitButton pendingLabel="Creating user…">Create user</SubmitButton>
      </form>
    </>
  );
}
