"use client";

import { useFormStatus } from "react-dom";
import type { ButtonProps } from "./button";
import { buttonClass } from "./button-styles";

/** Submit button that disables itself while its form's action is pending, so a second click cannot resubmit. */
export function SubmitButton({
  variant = "primary",
  small,
  pendingLabel = "Please wait…",
  className,
  children,
  disabled,
  ...props
}: Omit<ButtonProps, "type"> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
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
