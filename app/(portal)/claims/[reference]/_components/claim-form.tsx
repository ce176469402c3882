"use client";

import type { ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import type { ButtonVariant } from "@/components/button-styles";
import type { ActionResult } from "@/lib/actions/result";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action carries its own data type
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/**
 * One action on a claim: the hidden reference and version (so a stale page is refused), an error
 * summary linking to the fields, the success message, and fields drawn with the latest result
 * so each can show its own error.
 */
export function ClaimForm({
  summary,
  ...props
}: {
  action: Action;
  hidden: Record<string, string | number>;
  fields: string[];
  ids?: Record<string, string>;
  submitLabel: string | ((result: ActionResult | null) => string);
  pendingLabel: string;
  variant?: ButtonVariant;
  /**
   * False hides the form but keeps the outcome of the last submit on screen: a decision changes
   * the claim so the form no longer applies, and the caseworker still needs to see what happened.
   */
  showForm?: boolean;
  /** Folds the form away under this summary (the result stays outside the fold). */
  summary?: string;
  children?: (result: ActionResult | null) => ReactNode;
}) {
  // keepValues: submitting through the action directly would reset the form afterwards (React 19),
  // wiping a long decision the caseworker must correct.
  return <ActionForm {...props} keepValues wrapForm={(form) => <Fold summary={summary}>{form}</Fold>} />;
}

function Fold({ summary, children }: { summary?: string; children: ReactNode }) {
  if (!summary) return children;
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-link underline">{summary}</summary>
      <div className="mt-4 border-l-4 border-mid-grey pl-4">{children}</div>
    </details>
  );
}
