"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { Checkbox } from "@/components/checkboxes";
import { Details } from "@/components/details";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { ActionResult } from "@/lib/actions/result";

type VoidAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Voiding sends payments again, so it asks why and for an explicit confirmation. Stays mounted
 * after the batch is void (showForm false) so the outcome stays on screen.
 */
export function VoidBatchForm({
  action: voidAction,
  batchId,
  showForm,
}: {
  action: VoidAction;
  batchId: string;
  showForm: boolean;
}) {
  const [result, action] = useActionState(voidAction, null);
  const ids = { reason: `void-reason-${batchId}`, confirm: `void-confirm-${batchId}` };
  return (
    <div>
      <ActionErrorSummary result={result} fields={["reason", "confirm"]} ids={ids} />
      <SuccessMessage result={result} />
      {showForm && (
        <Details summary="Void this batch (AccessPay rejected the file)" open={!!result && !result.ok}>
          <form action={action} noValidate>
            <input type="hidden" name="batchId" value={batchId} />
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
            <SubmitButton variant="warning" pendingLabel="Voiding…">
              Void this batch
            </SubmitButton>
          </form>
        </Details>
      )}
    </div>
  );
}
