"use client";

import { useEffect, useId, useRef, type MouseEvent } from "react";

export type ErrorSummaryItem = { href: string; text: string };

/** Move focus to the field and bring its label or legend into view, as GOV.UK Frontend does. */
function focusTarget(event: MouseEvent<HTMLAnchorElement>, href: string) {
  if (!href.startsWith("#")) return;
  const input = document.getElementById(href.slice(1));
  if (!input) return;
  event.preventDefault();
  const legend = input.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  (legend ?? label ?? input).scrollIntoView();
  input.focus({ preventScroll: true });
}

/**
 * Focuses itself when shown, when the list of errors changes, or when `focusKey` changes
 * (pass the action result so a resubmission with the same errors is announced again).
 */
export function ErrorSummary({
  title = "There is a problem",
  description,
  errors,
  focusKey,
}: {
  title?: string;
  /** What went wrong where no field is to blame, above the links (a stale page: who changed it). */
  description?: string;
  errors: ErrorSummaryItem[];
  focusKey?: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const signature = errors.map((e) => `${e.href} ${e.text}`).join("\n");

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature, description, focusKey]);

  if (errors.length === 0) return null;

  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
      className="mb-[30px] border-[5px] border-error p-[15px] focus:outline-[3px] focus:outline-offset-0 focus:outline-focus sm:p-5"
    >
      <h2 id={titleId} className="mb-[15px] text-[1.125rem] font-bold sm:text-[1.5rem]">
        {title}
      </h2>
      {description && <p className="mb-[15px]">{description}</p>}
      <ul className="space-y-[5px]">
        {errors.map((error) => (
          <li key={`${error.href}-${error.text}`}>
            <a
              href={error.href}
              onClick={(event) => focusTarget(event, error.href)}
              className="font-bold text-error visited:text-error hover:text-[#942514]"
            >
              {error.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
