"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { VOID_REASON_MAX, VOID_REASON_MIN } from "@/lib/batches/void-batch";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { returnPayoutBatch } from "@/lib/payout/return-payout-batch";
import { retryPayoutDeliveryNow } from "@/lib/payout/run-payout-payments-now";
import { settleUncertainDelivery } from "@/lib/payout/settle-uncertain-delivery";

// An admin's three ways of dealing with a Payout batch (docs/runs.md#delivery-and-its-retries): each
// a confirmed form on the batch page, one call into lib/payout. Returning a delivered batch only
// asks: a second admin approves it on /admin/approvals.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const batchId = z.uuid("Choose a batch");
const reason = z
  .string("Enter the reason")
  .trim()
  .min(VOID_REASON_MIN, `Enter the reason, in at least ${VOID_REASON_MIN} characters`)
  .max(VOID_REASON_MAX, `The reason must be ${VOID_REASON_MAX} characters or fewer`);

function refresh(id: string) {
  revalidatePath(`/payout/batches/${id}`);
  revalidatePath("/payout");
  revalidatePath("/runs");
}

export const retryPayoutDeliveryAction = defineAction(
  "retryPayoutDelivery",
  z.object({ batchId, confirm: z.literal("yes", "Confirm that the same file may be sent again") }),
  async (input, user) => {
    const { batchStatus, deliveryError } = await retryPayoutDeliveryNow({ batchId: input.batchId, actor: user, now: new Date() });
    refresh(input.batchId);
    if (batchStatus === "DELIVERED") return { ok: true, message: "The file was delivered. Its payments are sent." };
    if (batchStatus === "DELIVERY_UNCERTAIN") {
      throw new AppError(
        "INVALID_STATE",
        "The delivery's outcome cannot be known: the batch is now 'delivery uncertain'. Ask the Post Office whether they have the file.",
      );
    }
    throw new AppError(
      "INVALID_STATE",
      `The delivery failed again: ${deliveryError ?? "see the attempts below"}. Nothing was sent.`,
    );
  },
);

export const settleUncertainDeliveryAction = defineAction(
  "settleUncertainDelivery",
  z.discriminatedUnion(
    "decision",
    [
      z.object({
        batchId,
        decision: z.literal("CONFIRM_DELIVERED"),
        reason: z.string().trim().max(VOID_REASON_MAX, `The note must be ${VOID_REASON_MAX} characters or fewer`).default(""),
        confirm: z.literal("yes", "Confirm what the Post Office told you"),
      }),
      z.object({
        batchId,
        decision: z.literal("RETURN_TO_NEW"),
        reason,
        confirm: z.literal("yes", "Confirm what the Post Office told you"),
      }),
    ],
    "Choose what the Post Office told you",
  ),
  async (input, user) => {
    const settled = await settleUncertainDelivery({
      db: prisma,
      batchId: input.batchId,
      decision: input.decision,
      reason: input.reason,
      actor: user,
      now: new Date(),
      voucherValidityDays: config().voucherValidityDays,
    });
    refresh(input.batchId);
    return {
      ok: true,
      message:
        settled.status === "DELIVERED"
          ? `Confirmed as delivered: ${plural(settled.payments, "payment is", "payments are")} sent.`
          : `Returned to NEW: ${plural(settled.payments, "payment goes", "payments go")} into the next Payout run, in a new file.`,
    };
  },
);

export const returnPayoutBatchAction = defineAction(
  "returnPayoutBatch",
  z.object({ batchId, reason, confirm: z.literal("yes", "Confirm that the Post Office will not pay these vouchers") }),
  async (input, user) => {
    const returned = await returnPayoutBatch({
      db: prisma,
      batchId: input.batchId,
      reason: input.reason,
      actor: user,
      now: new Date(),
    });
    refresh(input.batchId);
    revalidatePath("/admin/approvals");
    if (returned.outcome === "REQUESTED") {
      return {
        ok: true,
        message:
          "This batch was delivered to the Post Office, so another administrator must approve the return. Nothing moves until then; it is listed on Approvals.",
      };
    }
    const kept = returned.kept
      ? ` ${plural(returned.kept, "voucher with a code or an outcome stays", "vouchers with a code or an outcome stay")} as ${returned.kept === 1 ? "it is" : "they are"}.`
      : "";
    return {
      ok: true,
      message: `Batch returned: ${plural(returned.returned, "payment goes", "payments go")} into the next Payout run.${kept}`,
    };
  },
);
