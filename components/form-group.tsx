import type { ReactNode } from "react";
import { cx } from "./cx";

/** aria-describedby value for the given ids, or undefined when none apply. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const value = ids.filter(Boolean).join(" ");
  return value || undefined;
}

export function FormGroup({ error, children, className }: { error?: string; children: ReactNode; className?: string }) {
  return (
    <div className={cx("mb-5 sm:mb-[30px]", error && "border-l-[5px] border-error pl-[15px]", className)}>{children}</div>
  );
}

export function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="mb-[5px] block font-bold">
      {children}
    </label>
  );
}

export function Legend({ children }: { children: ReactNode }) {
  return <legend className="mb-[10px] font-bold">{children}</legend>;
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="mb-[15px] text-secondary">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-[15px] font-bold text-error">
      <span className="sr-only">Error:</span> {children}
    </p>
  );
}

/** Shared look for text inputs, selects and textareas. */
export function controlClass(error?: string): string {
  return cx(
    "block rounded-none border-2 bg-white px-[5px] text-ink focus:border-ink",
    error ? "border-error" : "border-ink",
  );
}
