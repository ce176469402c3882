import type { ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, describedBy, ErrorMessage, FormGroup, Hint, Label } from "./form-group";

export type SelectOption = { value: string; label: string };

export type SelectProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: SelectOption[];
  defaultValue?: string;
  required?: boolean;
  disabled?: boolean;
};

export function Select({ id, name, label, hint, error, options, ...rest }: SelectProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={error}>
      <Label htmlFor={id}>{label}</Label>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <select
        id={id}
        name={name}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        className={cx(controlClass(error), "h-10 max-w-full min-w-[11.5em]")}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
