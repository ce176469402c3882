import type { ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, FieldsetField } from "./form-group";

export type DateParts = { day?: string; month?: string; year?: string };

/**
 * GOV.UK date input. Submits `${name}-day`, `${name}-month`, `${name}-year`.
 * Link errors to `#${id}-day` (or the part that is wrong); `errorParts` marks only those boxes as invalid.
 */
export function DateInput({
  id,
  name,
  legend,
  hint,
  error,
  errorParts,
  defaultValue = {},
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  errorParts?: (keyof DateParts)[];
  defaultValue?: DateParts;
}) {
  const parts: { key: keyof DateParts; label: string; width: string }[] = [
    { key: "day", label: "Day", width: "w-[5.4ex]" },
    { key: "month", label: "Month", width: "w-[5.4ex]" },
    { key: "year", label: "Year", width: "w-[9ex]" },
  ];
  return (
    <FieldsetField id={id} legend={legend} hint={hint} error={error} role="group">
      <div className="flex flex-wrap gap-5">
        {parts.map((part) => {
          const invalid = Boolean(error) && (!errorParts || errorParts.includes(part.key));
          return (
            <div key={part.key}>
              <label htmlFor={`${id}-${part.key}`} className="mb-[5px] block">
                {part.label}
              </label>
              <input
                id={`${id}-${part.key}`}
                name={`${name}-${part.key}`}
                type="text"
                inputMode="numeric"
                defaultValue={defaultValue[part.key]}
                aria-invalid={invalid ? true : undefined}
                className={cx(controlClass(invalid ? error : undefined), "h-10", part.width)}
              />
            </div>
          );
        })}
      </div>
    </FieldsetField>
  );
}
