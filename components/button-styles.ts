import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "warning";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-success text-white shadow-[0_2px_0_#002d18] hover:bg-[#005a30]",
  secondary: "bg-light-grey text-ink shadow-[0_2px_0_#929191] hover:bg-[#dbdad9]",
  warning: "bg-error text-white shadow-[0_2px_0_#55150b] hover:bg-[#aa2a16]",
};

/**
 * GOV.UK button look, shared by <button> and <a>. Focus turns it yellow with dark text, as GOV.UK does.
 * `small` is for row actions in tables; don't override padding via className (utility order is not class order).
 */
export function buttonClass(variant: ButtonVariant = "primary", options: { small?: boolean; className?: string } = {}): string {
  return cx(
    "relative inline-flex cursor-pointer items-center justify-center gap-2 rounded-none border-2 border-transparent text-center leading-[1.1875] no-underline",
    options.small ? "px-2 pt-[3px] pb-[2px] text-[0.875rem] sm:text-base" : "px-[10px] pt-[8px] pb-[7px]",
    "active:top-[2px] active:shadow-none",
    "focus-visible:border-focus focus-visible:bg-focus focus-visible:text-ink focus-visible:shadow-[0_2px_0_#0b0c0c] focus-visible:outline-transparent",
    "disabled:cursor-not-allowed disabled:opacity-50 disabled:active:top-0",
    variants[variant],
    options.className,
  );
}
