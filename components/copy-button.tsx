"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "./button-styles";

/**
 * Copies `value` to the clipboard. `label` is the button's accessible name and should start with "Copy"
 * (e.g. "Copy payment UUID") so it contains the visible text.
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [status, setStatus] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied");
    } catch {
      setStatus("Could not copy. Select the text and copy it manually.");
    }
    timer.current = setTimeout(() => setStatus(""), 5000);
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-x-[10px] align-baseline">
      <button type="button" aria-label={label} onClick={copy} className={buttonClass("secondary", { small: true })}>
        Copy
      </button>
      <span aria-live="polite" className="text-secondary">
        {status}
      </span>
    </span>
  );
}
