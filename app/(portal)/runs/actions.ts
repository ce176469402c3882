"use server";
import { plural } from "@/lib/plural";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { formatPence } from "@/lib/money";
import { retryFailedRunNow } from "@/lib/payout/retry-failed-run-now";
import { runPayoutPaymentsNow } from "@/lib/payout/run-payout-payments-now";
import { describePreviewDifference } from "@/lib/runs/preview/preview-words";
import type { RunSummary } from "@/lib/runs/run-summary";
import { AppError } from "@/lib/errors";
import { sendDueMessagesAfterResponse } from "@/app/api/cron/send-messages/send-due-messages-now";

const confirm = z.literal("yes", "Confirm that you want to start the run");

// What the preview in the confirmation showed (docs/run-preview.md): the run pays what is waiting
// when it starts, and its summary says how that differs. Absent when the preview could not be made.
const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const preview = {
  previewPayments: count.optional(),
  previewPence: count.optional(),
  previewHeld: count.optional(),
};
type PreviewInput = { previewPayments?: number; previewPence?: number; previewHeld?: number };

/** What "Run finished" links to: the batch (Bank Admin's run, or each Payout batch) and the bank files. */
export type RunLink = { href: string; text: string; download?: string };

const words = {
  DIRECT_PAYMENTS: {
    run: "direct-payments run",
    none: "bank payments",
    files: "No files were made.",
    notSent: "Nothing was marked as sent.",
  },
  PAYOUT: {
    run: "Payout run",
    none: "cash payments",
    files: "No Payout file was made.",
    notSent: "No payment was marked as sent that was not delivered.",
  },
} as const;

function links(summary: RunSummary): RunLink[] {
  if (summary.kind === "DIRECT_PAYMENTS") {
    if (!summary.runId) return [];
    return [
      { href: `/bank-admin#run-${summary.runId}`, text: "Open this run's batch on Bank Admin" },
      ...summary.files.map((f) => ({ href: `/api/files/${f.id}`, text: `Download ${f.fileName}`, download: f.fileName })),
    ];
  }
  return summary.batchIds.map((id) => {
    const file = summary.files.find((f) => f.batchId === id);
    return { href: `/payout/batches/${id}`, text: `Open the Payout batch${file ? ` ${file.fileName}` : ""}` };
  });
}

function comparedWithPreview(summary: RunSummary, input: PreviewInput): string {
  const { previewPayments, previewPence, previewHeld } = input;
  if (previewPayments === undefined || previewPence === undefined) return "";
  // acquireRun finishes a stopped run's batch before starting a new one: not what the preview showed.
  if (summary.resumed) return " It finished an earlier run that had stopped, not the one the preview showed: run again for that.";
  const run = { payments: summary.payments, totalPence: summary.totalPence, held: summary.held.length };
  return ` ${describePreviewDifference({ payments: previewPayments, totalPence: previewPence, held: previewHeld ?? run.held }, run)}`;
}

function outcome(summary: RunSummary, input: PreviewInput = {}) {
  revalidatePath("/runs");
  // A failed run raised an alert to support: email it now rather than at the next cron.
  if (summary.status === "FAILED") sendDueMessagesAfterResponse();
  const w = words[summary.kind];
  switch (summary.status) {
    case "BUSY":
      throw new AppError("CONFLICT", `A ${w.run} is already in progress. Wait for it to finish, then look at its result below.`);
    case "FAILED":
      throw new AppError("INVALID_STATE", `The run failed: ${summary.error ?? "see its entry below"}. ${w.notSent}`);
    case "EMPTY":
      return {
        ok: true as const,
        message: `The run found no ${w.none} waiting. ${w.files}${comparedWithPreview(summary, input)}`,
      };
    default:
      return {
        ok: true as const,
        message: `Run finished: ${plural(summary.payments, "payment")}, ${formatPence(summary.totalPence)}${summary.held.length ? `, ${summary.held.length} put on hold` : ""}.${comparedWithPreview(summary, input)}`,
        data: { links: links(summary) },
      };
  }
}

// "Run now" uses the same code as the schedule: a self-hosted portal has no Vercel scheduler.
export const runNowAction = defineAction("runNow", z.object({ confirm, ...preview }), async (input, user) =>
  outcome(await runDirectPaymentsNow({ triggeredBy: user.email, now: new Date() }), input),
);

export const runPayoutNowAction = defineAction("runPayoutNow", z.object({ confirm, ...preview }), async (input, user) =>
  outcome(await runPayoutPaymentsNow({ triggeredBy: user.email, now: new Date() }), input),
);

export const retryRunAction = defineAction(
  "retryRun",
  z.object({ confirm, runId: z.uuid("Choose a run") }),
  async (input, user) => outcome(await retryFailedRunNow({ runId: input.runId, triggeredBy: user.email, now: new Date() })),
);
