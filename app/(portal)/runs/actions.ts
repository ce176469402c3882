"use server";
import { plural } from "@/lib/plural";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { formatPence } from "@/lib/money";
import { retryFailedRunNow } from "@/lib/payout/retry-failed-run-now";
import { runPayoutPaymentsNow } from "@/lib/payout/run-payout-payments-now";
import type { RunSummary } from "@/lib/runs/run-summary";
import { AppError } from "@/lib/errors";
import { sendDueMessagesAfterResponse } from "@/app/api/cron/send-messages/send-due-messages-now";

const confirm = z.literal("yes", "Confirm that you want to start the run");

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

function outcome(summary: RunSummary) {
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
      return { ok: true as const, message: `The run found no ${w.none} waiting. ${w.files}` };
    default:
      return {
        ok: true as const,
        message: `Run finished: ${plural(summary.payments, "payment")}, ${formatPence(summary.totalPence)}${summary.held.length ? `, ${summary.held.length} put on hold` : ""}.`,
      };
  }
}

// "Run now" uses the same code as the schedule: a self-hosted portal has no Vercel scheduler.
export const runNowAction = defineAction("runNow", z.object({ confirm }), async (_input, user) =>
  outcome(await runDirectPaymentsNow({ triggeredBy: user.email, now: new Date() })),
);

export const runPayoutNowAction = defineAction("runPayoutNow", z.object({ confirm }), async (_input, user) =>
  outcome(await runPayoutPaymentsNow({ triggeredBy: user.email, now: new Date() })),
);

export const retryRunAction = defineAction(
  "retryRun",
  z.object({ confirm, runId: z.uuid("Choose a run") }),
  async (input, user) => outcome(await retryFailedRunNow({ runId: input.runId, triggeredBy: user.email, now: new Date() })),
);
