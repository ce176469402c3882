"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { VOID_REASON_MAX, VOID_REASON_MIN, voidBatch } from "@/lib/batches/void-batch";
import { prisma } from "@/lib/db";

// SSCL's failed-payments file is not a server action: it streams to POST /api/uploads/failed-payments.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const voidBatchAction = defineAction(
  "voidBatch",
  z.object({
    batchId: z.uuid("Choose a batch"),
    reason: z
      .string("Enter why the batch is void")
      .trim()
      .min(VOID_REASON_MIN, `Enter why the batch is void, in at least ${VOID_REASON_MIN} characters`)
      .max(VOID_REASON_MAX, `The reason must be ${VOID_REASON_MAX} characters or fewer`),
    confirm: z.literal("yes", "Confirm that the bank will not pay this file"),
  }),
  async (input, user) => {
    const voided = await voidBatch({ db: prisma, batchId: input.batchId, reason: input.reason, actor: user, now: new Date() });
    revalidatePath("/bank-admin");
    revalidatePath("/runs");
    revalidatePath("/admin/approvals");
    if (voided.outcome === "REQUESTED") {
      return {
        ok: true,
        message:
          "A file of this batch was downloaded, so another administrator must approve the void. Nothing moves until then; it is listed on Approvals.",
      };
    }
    return { ok: true, message: `Batch voided: ${plural(voided.payments, "payment goes", "payments go")} into the next run.` };
  },
);
