import type { ReactNode } from "react";

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="relative mb-5 py-[10px] pl-[45px] sm:mb-[30px]">
      <span
        aria-hidden="true"
        className="absolute top-1/2 left-0 flex size-[35px] -translate-y-1/2 items-center justify-center rounded-full border-[3px] border-ink bg-ink text-[1.875rem] leading-none font-bold text-white"
      >
        !
      </span>
      <strong className="font-bold">
        <span className="sr-only">Warning</span>
        {children}
      </strong>
    </div>
  );
}
