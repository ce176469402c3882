"use client";

import { useFormStatus } from "react-dom";
import type { ButtonProps } from "./button";
import { buttonClass } from "./button-styles";

/** Submit button that disables itself while its form's action is pending, so a second click cannot resubmit. */
export function SubmitButton({
  variant = "primary",
  small,
  pendingLabel = "Please wait…",
  pending: pendingFromCaller,
  className,
  children,
  disabled,
  ...props
}: Omit<ButtonProps, "type"> & {
  pendingLabel?: string;
  /** For a form submitted from onSubmit rather than its action, whose status the form cannot know. */
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingFromCaller ?? status.pending;
  return (
    <>
      <button type="submit" disabled={disabled || pending} className={buttonClass(variant, { small, className })} {...props}>
        {pending ? pendingLabel : children}
      </button>
      <span role="status" className="sr-only">
        {pending ? pendingLabel : ""}
      </span>
    </>
  );
}
