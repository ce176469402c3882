import type { ReactNode } from "react";

export function PageHeading({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <div className="mb-5 sm:mb-[30px]">
      {caption && <p className="mb-1 text-[1.125rem] text-secondary sm:text-[1.5rem]">{caption}</p>}
      <h1 className="mb-0 text-[1.5rem] leading-[1.04] font-bold sm:text-[2.25rem] sm:leading-[1.11]">{children}</h1>
    </div>
  );
}
