"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { SuccessMessage } from "@/components/notification-from-result";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { TextInput } from "@/components/text-input";
import { createUserAction } from "./actions";
import { roleOptions } from "./role-options";

type Created = { userId: string; email: string };

export function CreateUserForm() {
  const [result, action] = useActionState(createUserAction, null);
  const created = result?.ok ? (result.data as Created) : undefined;
  return (
    <>
      <ActionErrorSummary result={result} fields={["name", "email", "role"]} />
      <SuccessMessage result={result} />
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
          hint="The user's own work address: the link to set their password goes there."
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
