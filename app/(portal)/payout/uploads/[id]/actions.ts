"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { VOUCHER_FINAL_STATUSES } from "@/lib/payout/parse-reconciliation";
import { SETTLE_REASON_MAX, settleConflictingStatus } from "@/lib/payout/reconciliation/settle-conflicting-status";

const words = { CASHED: "cashed", EXPIRED: "expired", CANCELLED: "cancelled" } as const;

// An admin accepts the Post Office's status for a voucher whose reconciliation row conflicted with
// the status it already had (docs/domain.md#payout-pages); that row is then
// "unchanged" when the report comes again.
export const settleVoucherStatusAction = defineAction(
  "settleVoucherStatus",
  z.object({
    uploadId: z.uuid("Unknown upload"),
    paymentId: z.uuid("Unknown payment"),
    status: z.enum(VOUCHER_FINAL_STATUSES, "Choose the status the Post Office reports"),
    statusDate: z.iso.date("Enter the Post Office's status date, for example 2026-11-23"),
    reason: z
      .string("Enter why you accept the Post Office's status")
      .trim()
      .min(1, "Enter why you accept the Post Office's status")
      .max(SETTLE_REASON_MAX, `The reason must be ${SETTLE_REASON_MAX.toLocaleString("en-GB")} characters or fewer`),
    confirm: z.literal("yes", "Confirm that the Post Office's status replaces the one recorded"),
  }),
  async (input, user) => {
    const settled = await settleConflictingStatus({
      db: prisma,
      paymentId: input.paymentId,
      status: input.status,
      statusDate: input.statusDate,
      reason: input.reason,
      actor: user,
      now: new Date(),
      uploadId: input.uploadId,
    });
    revalidatePath(`/payout/uploads/${input.uploadId}`);
    revalidatePath("/payout");
    return {
      ok: true,
      message: `Payment ${settled.reference} is now ${words[settled.to]} (it was ${words[settled.from]}). Upload the report again: that row is now unchanged.`,
    };
  },
);
