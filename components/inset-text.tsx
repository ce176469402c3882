import type { ReactNode } from "react";

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="my-5 border-l-[10px] border-mid-grey p-[15px] sm:my-[30px] [&>:last-child]:mb-0">{children}</div>;
}
