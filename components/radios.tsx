import type { ReactNode } from "react";
import { Choice, type ChoiceOption } from "./choice";
import { cx } from "./cx";
import { FieldsetField } from "./form-group";

export type RadiosProps = {
  name: string;
  /** Prefix for element ids; the first radio gets exactly this id, so link errors to `#${idPrefix}`. Defaults to name. */
  idPrefix?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ChoiceOption[];
  defaultValue?: string;
  inline?: boolean;
  required?: boolean;
};

export function Radios({ name, idPrefix = name, legend, hint, error, options, defaultValue, inline, required }: RadiosProps) {
  return (
    <FieldsetField id={idPrefix} legend={legend} hint={hint} error={error}>
      <div className={cx(inline && "flex flex-wrap gap-x-5 gap-y-[10px]")}>
        {options.map((option, index) => (
          <Choice
            key={option.value}
            type="radio"
            id={index === 0 ? idPrefix : `${idPrefix}-${index + 1}`}
            name={name}
            option={option}
            defaultChecked={defaultValue === option.value}
            required={required}
            inline={inline}
          />
        ))}
      </div>
    </FieldsetField>
  );
}
