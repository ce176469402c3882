import type { ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, Field } from "./form-group";

export type TextareaProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  spellCheck?: boolean;
};

export function Textarea({ id, name, label, hint, error, rows = 5, ...rest }: TextareaProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          {...aria}
          className={cx(controlClass(error), "min-h-10 w-full resize-y py-[5px]")}
          {...rest}
        />
      )}
    </Field>
  );
}
