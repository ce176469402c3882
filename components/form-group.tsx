import type { ReactNode } from "react";
import { cx } from "./cx";

/** aria-describedby value for the given ids, or undefined when none apply. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const value = ids.filter(Boolean).join(" ");
  return value || undefined;
}

export function FormGroup({ error, children, className }: { error?: string; children: ReactNode; className?: string }) {
  return <div className={cx("mb-5 sm:mb-[30px]", error && "border-l-[5px] border-error pl-[15px]", className)}>{children}</div>;
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

// A shade darker than the GOV.UK error red: filter forms sit on light grey, where #d4351c is 4.3:1,
// short of 4.5:1 for text below 19px bold (every phone). This one is 5.6:1 on that grey.
export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-[15px] font-bold text-[#b52e18]">
      <span className="sr-only">Error:</span> {children}
    </p>
  );
}

/** Shared look for text inputs, selects and textareas. */
export function controlClass(error?: string): string {
  return cx("block rounded-none border-2 bg-white px-[5px] text-ink focus:border-ink", error ? "border-error" : "border-ink");
}

export type ControlAria = { "aria-describedby"?: string; "aria-invalid"?: true };

function messageIds(id: string, hint?: ReactNode, error?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: describedBy(hintId, errorId) };
}

function Messages({ hintId, errorId, hint, error }: { hintId?: string; errorId?: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hintId && <Hint id={hintId}>{hint}</Hint>}
      {errorId && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
    </>
  );
}

/** One labelled control: label, hint and error above it; the control gets the aria attributes tying them together. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (aria: ControlAria) => ReactNode;
}) {
  const ids = messageIds(id, hint, error);
  return (
    <FormGroup error={error}>
      <Label htmlFor={id}>{label}</Label>
      <Messages {...ids} hint={hint} error={error} />
      {children({ "aria-describedby": ids.describedBy, "aria-invalid": error ? true : undefined })}
    </FormGroup>
  );
}

/** A question answered by several controls (radios, checkboxes, a date): legend, hint and error on the fieldset. */
export function FieldsetField({
  id,
  legend,
  hint,
  error,
  role,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  role?: "group";
  children: ReactNode;
}) {
  const ids = messageIds(id, hint, error);
  return (
    <FormGroup error={error}>
      <fieldset role={role} aria-describedby={ids.describedBy}>
        <Legend>{legend}</Legend>
        <Messages {...ids} hint={hint} error={error} />
        {children}
      </fieldset>
    </FormGroup>
  );
}
