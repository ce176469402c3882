"use client";

import type { ReactNode } from "react";
import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { SuccessMessage } from "@/components/notification-from-result";
import type { ActionResult } from "@/lib/actions/result";
import type { RunLink } from "./actions";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by two actions
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/** The links a finished run's result carries (actions.ts), if any. */
function runLinks(result: ActionResult<unknown> | null): RunLink[] {
  if (!result?.ok || typeof result.data !== "object" || result.data === null) return [];
  const links = (result.data as { links?: unknown }).links;
  return Array.isArray(links) ? (links as RunLink[]) : [];
}

/**
 * Irreversible steps get a confirmation: the box must be ticked before the run starts. `hint` is
 * the run's preview in words (what it will pay and hold), read out with the box; `preview` its
 * figures, sent with the form so the run's result can say what differed. A finished run's result
 * links to its batch and files, here beside the form that started it.
 */
export function ConfirmRunForm(props: {
  action: Action;
  id: string;
  confirmLabel: string;
  submitLabel: string;
  runId?: string;
  hint?: ReactNode;
  preview?: { payments: number; totalPence: number; held: number };
}) {
  return (
    <ActionForm
      action={props.action}
      className="mb-6"
      fields={["confirm"]}
      ids={{ confirm: props.id }}
      hidden={{
        runId: props.runId,
        previewPayments: props.preview?.payments,
        previewPence: props.preview?.totalPence,
        previewHeld: props.preview?.held,
      }}
      submitLabel={props.submitLabel}
      pendingLabel="Running… this can take a minute"
      outcome={(result) => {
        const links = runLinks(result);
        return (
          <>
            <SuccessMessage result={result} />
            {links.length > 0 && (
              <nav aria-label="The finished run's batch and files" className="mb-6">
                <ul className="list-disc pl-6">
                  {links.map((link) => (
                    <li key={link.href}>
                      <a href={link.href} download={link.download} className="text-link underline">
                        {link.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </>
        );
      }}
    >
      {(result) => (
        <Checkbox
          id={props.id}
          name="confirm"
          value="yes"
          label={props.confirmLabel}
          hint={props.hint}
          error={fieldError(result, "confirm")}
        />
      )}
    </ActionForm>
  );
}
