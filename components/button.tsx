import Link from "next/link";
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { buttonClass, type ButtonVariant } from "./button-styles";

export type ButtonProps = ComponentPropsWithoutRef<"button"> & { variant?: ButtonVariant; small?: boolean };

export function Button({ variant = "primary", small, type = "submit", className, ...props }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, { small, className })} {...props} />;
}

/** A link styled as a button, for navigation such as "Create claim". */
export function ButtonLink({
  href,
  variant = "primary",
  small,
  className,
  children,
}: {
  href: string;
  variant?: ButtonVariant;
  small?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link href={href} className={buttonClass(variant, { small, className })}>
      {children}
    </Link>
  );
}

/** Lays out buttons and links in a row with GOV.UK spacing. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="mb-5 flex flex-wrap items-center gap-[15px] sm:mb-[30px]">{children}</div>;
}
