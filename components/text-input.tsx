import type { InputHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";
import { controlClass, Field } from "./form-group";

export type InputWidth = "full" | "20" | "10" | "5";

// GOV.UK fixed widths, sized to the expected number of characters.
const widths: Record<InputWidth, string> = {
  full: "w-full",
  "20": "w-full max-w-[41ex]",
  "10": "w-full max-w-[23ex]",
  "5": "w-full max-w-[10.8ex]",
};

type InputProps = InputHTMLAttributes<HTMLInputElement>;

export type TextInputProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  type?: "text" | "email" | "password" | "tel" | "url" | "search" | "number" | "date";
  defaultValue?: string | number;
  autoComplete?: InputProps["autoComplete"];
  inputMode?: InputProps["inputMode"];
  width?: InputWidth;
  required?: boolean;
  spellCheck?: boolean;
  disabled?: boolean;
  maxLength?: number;
  pattern?: string;
  /** Shown before the input, e.g. "£". */
  prefix?: string;
  /** Shown after the input, e.g. "per item". */
  suffix?: string;
};

function Affix({ children, side }: { children: string; side: "prefix" | "suffix" }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex h-10 shrink-0 items-center border-2 border-ink bg-light-grey px-2",
        side === "prefix" ? "border-r-0" : "border-l-0",
      )}
    >
      {children}
    </span>
  );
}

export function TextInput({
  id,
  name,
  label,
  hint,
  error,
  type = "text",
  width = "full",
  prefix,
  suffix,
  ...rest
}: TextInputProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => {
        const input = (
          <input
            id={id}
            name={name}
            type={type}
            {...aria}
            className={cx(controlClass(error), "h-10", prefix || suffix ? "min-w-0 flex-1" : widths[width])}
            {...rest}
          />
        );
        if (!prefix && !suffix) return input;
        return (
          <div className={cx("flex", widths[width])}>
            {prefix && <Affix side="prefix">{prefix}</Affix>}
            {input}
            {suffix && <Affix side="suffix">{suffix}</Affix>}
          </div>
        );
      }}
    </Field>
  );
}
