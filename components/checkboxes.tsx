import type { ReactNode } from "react";
import { Choice, type ChoiceOption } from "./choice";
import { ErrorMessage, FormGroup, FieldsetField } from "./form-group";

export type CheckboxesProps = {
  name: string;
  /** Prefix for element ids; the first checkbox gets exactly this id, so link errors to `#${idPrefix}`. Defaults to name. */
  idPrefix?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ChoiceOption[];
  /** Values that start checked. */
  defaultValue?: string[];
};

export function Checkboxes({ name, idPrefix = name, legend, hint, error, options, defaultValue = [] }: CheckboxesProps) {
  return (
    <FieldsetField id={idPrefix} legend={legend} hint={hint} error={error}>
      {options.map((option, index) => (
        <Choice
          key={option.value}
          type="checkbox"
          id={index === 0 ? idPrefix : `${idPrefix}-${index + 1}`}
          name={name}
          option={option}
          defaultChecked={defaultValue.includes(option.value)}
        />
      ))}
    </FieldsetField>
  );
}

/** A single checkbox (e.g. "I confirm ..."), submitting `value` (default "yes") when ticked. */
export function Checkbox({
  id,
  name,
  label,
  hint,
  error,
  value = "yes",
  defaultChecked = false,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value?: string;
  defaultChecked?: boolean;
}) {
  return (
    <FormGroup error={error}>
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <Choice
        type="checkbox"
        id={id}
        name={name}
        option={{ value, label, hint }}
        defaultChecked={defaultChecked}
        errorId={error ? `${id}-error` : undefined}
      />
    </FormGroup>
  );
}
