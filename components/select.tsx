import type { ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, Field } from "./form-group";

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
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <select id={id} name={name} {...aria} className={cx(controlClass(error), "h-10 max-w-full min-w-[11.5em]")} {...rest}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
