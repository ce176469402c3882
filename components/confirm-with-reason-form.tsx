"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { fieldError } from "./action-error-summary";
import { ActionForm } from "./action-form";
import { Checkbox } from "./checkboxes";
import { Details } from "./details";
import { Textarea } from "./textarea";

type Result = ActionResult | null;

/**
 * A step that cannot be undone (void a batch, return its payments, accept the Post Office's
 * status): the fields it needs, then why (`reason`) and an explicit tick (`confirm`), then a
 * warning button. With `fold` the form sits folded under that summary and opens again after a
 * failed submit; with showForm false the form goes but the last outcome stays on screen.
 */
export function ConfirmWithReasonForm(props: {
  action: (previous: Result, formData: FormData) => Promise<ActionResult>;
  /** The reason's and the confirmation's element ids, and those of any fields drawn by children. */
  ids: { reason: string; confirm: string } & Record<string, string>;
  /** The names of the fields children draw, before the reason, in the form's order. */
  fields?: string[];
  hidden: Record<string, string>;
  reason: { label: string; hint: string };
  confirmLabel: string;
  submitLabel: string;
  pendingLabel: string;
  fold?: string;
  showForm?: boolean;
  className?: string;
  children?: (result: Result) => ReactNode;
}) {
  const { fold } = props;
  return (
    <ActionForm
      action={props.action}
      fields={[...(props.fields ?? []), "reason", "confirm"]}
      ids={props.ids}
      hidden={props.hidden}
      showForm={props.showForm}
      submitLabel={props.submitLabel}
      pendingLabel={props.pendingLabel}
      variant="warning"
      className={props.className}
      wrapForm={
        fold === undefined
          ? undefined
          : (form, result) => (
              <Details summary={fold} open={!!result && !result.ok}>
                {form}
              </Details>
            )
      }
    >
      {(result) => (
        <>
          {props.children?.(result)}
          <Textarea
            id={props.ids.reason}
            name="reason"
            label={props.reason.label}
            hint={props.reason.hint}
            rows={3}
            error={fieldError(result, "reason")}
          />
          <Checkbox
            id={props.ids.confirm}
            name="confirm"
            value="yes"
            label={props.confirmLabel}
            error={fieldError(result, "confirm")}
          />
        </>
      )}
    </ActionForm>
  );
}
