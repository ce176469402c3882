"use client";

import { ConfirmWithReasonForm } from "@/components/confirm-with-reason-form";
import type { ActionResult } from "@/lib/actions/result";

type VoidAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Voiding sends payments again, so it asks why and for an explicit confirmation. Stays mounted
 * after the batch is void (showForm false) so the outcome stays on screen.
 */
export function VoidBatchForm({
  action,
  batchId,
  showForm,
  downloaded = false,
}: {
  action: VoidAction;
  batchId: string;
  showForm: boolean;
  /** A file was downloaded: the void becomes a request for a second admin. */
  downloaded?: boolean;
}) {
  return (
    <ConfirmWithReasonForm
      action={action}
      ids={{ reason: `void-reason-${batchId}`, confirm: `void-confirm-${batchId}` }}
      hidden={{ batchId }}
      showForm={showForm}
      fold="Void this batch (AccessPay rejected the file)"
      reason={{
        label: "Why is this batch void?",
        hint: "For example: AccessPay rejected the file on 23 November, reference ABC123.",
      }}
      confirmLabel="The bank has not paid and will not pay this file. Its payments go into the next run."
      submitLabel="Void this batch"
      pendingLabel="Voiding…"
    >
      {() =>
        downloaded && (
          <p className="mb-4">
            A file of this batch was downloaded, so the bank may have it: another administrator must approve the void before
            anything moves.
          </p>
        )
      }
    </ConfirmWithReasonForm>
  );
}
