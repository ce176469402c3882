import { Fragment, type ReactNode } from "react";
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
  /**
   * GOV.UK conditional reveals: content shown under an option only while it is chosen (by CSS,
   * so it works without JavaScript), keyed by the option's value.
   */
  conditional?: Record<string, ReactNode>;
};

export function Radios({
  name,
  idPrefix = name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  inline,
  required,
  conditional,
}: RadiosProps) {
  return (
    <FieldsetField id={idPrefix} legend={legend} hint={hint} error={error}>
      <div className={cx(inline && "flex flex-wrap gap-x-5 gap-y-[10px]")}>
        {options.map((option, index) => (
          <Fragment key={option.value}>
            <Choice
              type="radio"
              id={index === 0 ? idPrefix : `${idPrefix}-${index + 1}`}
              name={name}
              option={option}
              defaultChecked={defaultValue === option.value}
              required={required}
              inline={inline}
            />
            {conditional?.[option.value] && (
              <div
                id={`conditional-${idPrefix}-${index + 1}`}
                className="mb-[15px] ml-[18px] hidden border-l-4 border-mid-grey pt-[10px] pl-[33px] [div:has(>input:checked)+&]:block"
              >
                {conditional[option.value]}
              </div>
            )}
          </Fragment>
        ))}
      </div>
    </FieldsetField>
  );
}
