import type { ReactNode } from "react";
import { cx } from "./cx";
import { describedBy } from "./form-group";

// Custom-drawn 40px controls built from borders (not shadows) so they survive Windows high-contrast mode.
const controlBase =
  "peer absolute top-0 left-0 m-0 size-10 cursor-pointer appearance-none border-2 border-ink bg-white focus:border-4 focus:outline-[3px] focus:outline-offset-1 focus:outline-transparent focus:shadow-[0_0_0_4px_#ffdd00]";

export type ChoiceOption = { value: string; label: ReactNode; hint?: ReactNode };

/** One radio or checkbox row: control, label and optional per-item hint. */
export function Choice({
  type,
  id,
  name,
  option,
  defaultChecked,
  required,
  errorId,
  inline,
}: {
  type: "radio" | "checkbox";
  id: string;
  name: string;
  option: ChoiceOption;
  defaultChecked: boolean;
  required?: boolean;
  /** Only for a standalone checkbox; in a fieldset the fieldset carries the error. */
  errorId?: string;
  inline?: boolean;
}) {
  const hintId = option.hint ? `${id}-item-hint` : undefined;
  return (
    <div className={cx("relative min-h-10 pl-[50px]", !inline && "mb-[10px] last:mb-0")}>
      <input
        id={id}
        name={name}
        type={type}
        value={option.value}
        defaultChecked={defaultChecked}
        required={required}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={errorId ? true : undefined}
        className={cx(controlBase, type === "radio" && "rounded-full")}
      />
      {type === "radio" ? (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-[10px] left-[10px] hidden size-5 rounded-full border-[10px] border-ink peer-checked:block"
        />
      ) : (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-[13px] left-[10px] hidden h-[12px] w-[23px] -rotate-45 border-b-[5px] border-l-[5px] border-ink peer-checked:block"
        />
      )}
      <label htmlFor={id} className="inline-block cursor-pointer pt-[7px] pb-[5px]">
        {option.label}
      </label>
      {option.hint && (
        <div id={hintId} className="text-secondary">
          {option.hint}
        </div>
      )}
    </div>
  );
}
