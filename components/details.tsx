import type { ReactNode } from "react";

/** GOV.UK details. The summary is at least 24px tall: a touch target (WCAG 2.5.8) on phones too. */
export function Details({ summary, children, open }: { summary: ReactNode; children: ReactNode; open?: boolean }) {
  return (
    <details open={open} className="group mb-5 sm:mb-[30px]">
      <summary className="inline-block min-h-6 cursor-pointer text-link hover:text-link-hover focus-visible:bg-focus focus-visible:text-ink focus-visible:shadow-[0_-2px_#ffdd00,0_4px_#0b0c0c] focus-visible:outline-transparent [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="mr-[5px] inline-block text-[0.8em] transition-transform group-open:rotate-90">
          ▶
        </span>
        <span className="underline underline-offset-[0.1578em] hover:decoration-3">{summary}</span>
      </summary>
      <div className="mt-[10px] border-l-[5px] border-mid-grey py-[15px] pl-5 [&>:last-child]:mb-0">{children}</div>
    </details>
  );
}
