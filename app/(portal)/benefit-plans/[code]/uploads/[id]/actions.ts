"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { decideEnrolmentFileChanges } from "@/lib/plans/enrolments/enrolment-file/decide-enrolment-file-changes";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

// An enrolment file's waiting bank details and payment methods, approved or rejected together by a
// second plan manager; lib/ refuses the uploader (docs/enrolment-file.md#four-eyes).
export const decideEnrolmentFileChangesAction = defineAction(
  "decideEnrolmentFileChanges",
  z.object({
    planCode: z.string("Choose a benefit plan").trim().min(1, "Choose a benefit plan"),
    uploadId: z.uuid("Choose an enrolment file"),
    decision: z.enum(["approve", "reject"], "Choose approve or reject"),
  }),
  async (input, user) => {
    const approve = input.decision === "approve";
    const decided = await decideEnrolmentFileChanges({
      db: prisma,
      key: bankDetailsKey(),
      planCode: input.planCode,
      uploadId: input.uploadId,
      approve,
      actor: user,
      now: new Date(),
    });
    revalidatePath(`/benefit-plans/${input.planCode}/uploads/${input.uploadId}`);
    revalidatePath(`/benefit-plans/${input.planCode}/uploads`);
    revalidatePath(`/benefit-plans/${input.planCode}`);
    revalidatePath("/benefit-plans");
    const what = `${plural(decided.bankDetails, "person's new bank details", "people's new bank details")} and ${plural(decided.paymentMethods, "payment method", "payment methods")}`;
    const released = `${plural(decided.releasedPayments, "payment was", "payments were")} released from hold.`;
    const left =
      decided.firstMethodsLeft > 0
        ? ` ${plural(decided.firstMethodsLeft, "new enrolment's first payment method still waits", "new enrolments' first payment methods still wait")}: they can only be approved, or replaced on each beneficiary's page.`
        : "";
    return { ok: true, message: `${approve ? "Approved" : "Rejected"}: ${what}. ${released}${left}` };
  },
);
