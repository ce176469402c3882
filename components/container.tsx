import type { ReactNode } from "react";
import { cx } from "./cx";

/** Page width container shared by header, nav and main so their edges line up. */
export const containerClass = "mx-auto w-full max-w-[1200px] px-[15px] sm:px-[30px]";

export function Container({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx(containerClass, className)}>{children}</div>;
}
