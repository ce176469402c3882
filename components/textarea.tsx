import type { ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, describedBy, ErrorMessage, FormGroup, Hint, Label } from "./form-group";

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
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={error}>
      <Label htmlFor={id}>{label}</Label>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        className={cx(controlClass(error), "min-h-10 w-full resize-y py-[5px]")}
        {...rest}
      />
    </FormGroup>
  );
}
