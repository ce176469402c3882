"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { formatPence } from "@/lib/money";
import type { RunSummary } from "@/lib/runs/run-summary";
import { AppError } from "@/lib/errors";

const confirm = z.literal("yes", "Confirm that you want to start the run");

function outcome(summary: RunSummary) {
  revalidatePath("/runs");
  switch (summary.status) {
    case "BUSY":
      throw new AppError(
        "CONFLICT",
        "A direct-payments run is already in progress. Wait for it to finish, then look at its result below.",
      );
    case "FAILED":
      throw new AppError(
        "INVALID_STATE",
        `The run failed: ${summary.error ?? "see its entry below"}. Nothing was marked as sent.`,
      );
    case "EMPTY":
      return { ok: true as const, message: "The run found no bank payments waiting. No files were made." };
    default:
      return {
        ok: true as const,
        message: `Run finished: ${summary.payments} payments, ${formatPence(summary.totalPence)}${summary.held.length ? `, ${summary.held.length} put on hold` : ""}.`,
      };
  }
}

// "Run now" uses the same code as the schedule: a self-hosted portal has no Vercel scheduler.
export const runNowAction = defineAction("runNow", z.object({ confirm }), async (_input, user) =>
  outcome(await runDirectPaymentsNow({ triggeredBy: user.email, now: new Date() })),
);

export const retryRunAction = defineAction(
  "retryRun",
  z.object({ confirm, runId: z.uuid("Choose a run") }),
  async (input, user) =>
    outcome(await runDirectPaymentsNow({ triggeredBy: user.email, now: new Date(), retryRunId: input.runId })),
);
