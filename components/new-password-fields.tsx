import type { ActionResult } from "@/lib/actions/result";
import { fieldError } from "./action-error-summary";
import { TextInput } from "./text-input";

/** A new password and its confirmation, as every form that sets one asks for them. */
export function NewPasswordFields({ result, minLength }: { result: ActionResult | null; minLength: number }) {
  return (
    <>
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
    </>
  );
}
