import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { RunSummary } from "@/lib/runs/run-summary";
import { runPayoutPayments, type RunPayoutPaymentsOptions } from "./run-payout-payments";

// An admin's "Retry delivery" of a Payout batch whose delivery failed (docs/runs.md#delivery-and-its-retries).
// The batch belongs to a FAILED run, so the retry is that run's retry: the same run id, batches,
// file names and stored bytes, through the same delivery step with the same rules (an attempt that
// may have renamed is looked for, never repeated). Any other undelivered batch of the run goes too.

export interface BatchToRetry {
  method: string;
  status: string;
  runStatus: string;
}

/** Why the batch's delivery cannot be retried, in words for the admin, or null when it can. Pure. */
export function whyDeliveryCannotBeRetried(batch: BatchToRetry): string | null {
  if (batch.method !== "CASH") return "Only a Payout batch is delivered; a bank file is downloaded by SSCL.";
  switch (batch.status) {
    case "VOID":
      return "This batch was returned to NEW: its payments go in a new batch at the next run.";
    case "DELIVERED":
      return "This batch has been delivered: there is nothing to retry.";
    case "DELIVERY_UNCERTAIN":
      return "This batch's delivery is uncertain: settle it with the Post Office (confirm delivered, or return to NEW) rather than send it again.";
  }
  if (batch.runStatus === "RUNNING") return "A Payout run is delivering this batch now. Look again when it has finished.";
  if (batch.runStatus !== "FAILED") return "Only a batch of a failed run waits for a retry.";
  return null;
}

export async function retryPayoutDelivery(
  options: Omit<RunPayoutPaymentsOptions, "retryRunId" | "triggeredBy"> & {
    batchId: string;
    actor: { id: string; email: string };
  },
): Promise<{ summary: RunSummary; batchStatus: string; deliveryError: string | null }> {
  const { db, batchId, actor } = options;
  const batch = await db.batch.findUnique({
    where: { id: batchId },
    select: { method: true, status: true, runId: true, run: { select: { status: true } } },
  });
  if (!batch) throw new AppError("NOT_FOUND", "Batch not found");
  const refusal = whyDeliveryCannotBeRetried({ method: batch.method, status: batch.status, runStatus: batch.run.status });
  if (refusal) throw new AppError("INVALID_STATE", refusal);

  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "batch.delivery-retried",
      entityType: "Batch",
      entityId: batchId,
      before: { status: batch.status },
      after: { runId: batch.runId },
    }),
  );
  const summary = await runPayoutPayments({ ...options, retryRunId: batch.runId, triggeredBy: actor.email });
  if (summary.status === "BUSY") throw new AppError("CONFLICT", "A Payout run is in progress. Look again when it has finished.");
  const after = await db.batch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true, deliveryError: true } });
  return { summary, batchStatus: after.status, deliveryError: after.deliveryError };
}
