"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkbox } from "@/components/checkboxes";
import { Details } from "@/components/details";
import { Textarea } from "@/components/textarea";
import type { ActionResult } from "@/lib/actions/result";

type VoidAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Voiding sends payments again, so it asks why and for an explicit confirmation. Stays mounted
 * after the batch is void (showForm false) so the outcome stays on screen.
 */
export function VoidBatchForm({ action, batchId, showForm }: { action: VoidAction; batchId: string; showForm: boolean }) {
  const ids = { reason: `void-reason-${batchId}`, confirm: `void-confirm-${batchId}` };
  return (
    <ActionForm
      action={action}
      fields={["reason", "confirm"]}
      ids={ids}
      hidden={{ batchId }}
      showForm={showForm}
      submitLabel="Void this batch"
      pendingLabel="Voiding…"
      variant="warning"
      wrapForm={(form, result) => (
        <Details summary="Void this batch (AccessPay rejected the file)" open={!!result && !result.ok}>
          {form}
        </Details>
      )}
    >
      {(result) => (
        <>
          <Textarea
            id={ids.reason}
            name="reason"
            label="Why is this batch void?"
            hint="For example: AccessPay rejected the file on 23 November, reference ABC123."
            rows={3}
            error={fieldError(result, "reason")}
          />
          <Checkbox
            id={ids.confirm}
            name="confirm"
            value="yes"
            label="The bank has not paid and will not pay this file. Its payments go into the next run."
            error={fieldError(result, "confirm")}
          />
        </>
      )}
    </ActionForm>
  );
}
