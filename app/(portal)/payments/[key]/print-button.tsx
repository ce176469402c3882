"use client";

import { buttonClass } from "@/components/button-styles";

/** Opens the browser's print dialog; the journey's print styles leave out the header and navigation. */
export function PrintButton() {
  return (
    <button type="button" className={buttonClass("secondary", { className: "print:hidden" })} onClick={() => window.print()}>
      Print this page
    </button>
  );
}
