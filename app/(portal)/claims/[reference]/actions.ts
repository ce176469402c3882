"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionOutcome } from "@/lib/actions/define-action";
import { assignClaimToSelf } from "@/lib/claims/assign-claim";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { proposeBankDetailsForClaim } from "@/lib/claims/propose-bank-details-for-claim";
import { approvalLimits } from "@/lib/claims/approval-limits";
import { checkDecision, decisionFieldValues, type DecisionStep } from "@/lib/claims/check-decision";
import { decideClaim, type DecisionOutcome } from "@/lib/claims/decide-claim";
import { isAppError } from "@/lib/errors";
import { returnClaim } from "@/lib/claims/return-claim";
import { secondApproveClaim } from "@/lib/claims/second-approve-claim";
import { recordResponse } from "@/lib/claims/record-response";
import { rejectClaim } from "@/lib/claims/reject-claim";
import { requestInformation } from "@/lib/claims/request-information";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { sameAccountWarning } from "@/lib/bank-details/same-account";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { sendDueMessagesAfterResponse } from "@/app/api/cron/send-messages/send-due-messages-now";
import { prisma } from "@/lib/db";
import { formatPence } from "@/lib/money";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { reissuePayment, reissueVoucher } from "@/lib/claims/reissue-payment";

const claimForm = {
  reference: z.string().regex(/^[0-9A-Z]{7}$/, "Unknown claim"),
  version: z.coerce.number().int().min(0),
};
const optional = z.string().optional();

function refresh(reference: string) {
  revalidatePath(`/claims/${reference}`);
  revalidatePath("/claims");
}

export const assignClaimAction = defineAction("assignClaim", z.object(claimForm), async (input, user) => {
  await assignClaimToSelf({ db: prisma, reference: input.reference, expectedVersion: input.version, actor: user });
  refresh(input.reference);
  return { ok: true, message: "The claim is assigned to you." };
});

// Line decisions arrive as fields named after each line, so the object is loose. Two steps: the
// first submit checks the decision and answers its summary (check your answers), writing nothing;
// only "Confirm decision" (step=confirm) decides, checking everything again. "Change" goes back to
// the fields. Each answer carries the fields as sent, so a form posted without JavaScript keeps them.
export const decideClaimAction = defineAction(
  "decideClaim",
  z.looseObject({ ...claimForm, step: z.enum(["check", "confirm"]).optional(), change: optional }),
  async (input, user): Promise<ActionOutcome<DecisionStep>> => {
    const fields = input as Record<string, unknown>;
    const values = decisionFieldValues(fields);
    if (input.change !== undefined) return { ok: true, data: { step: "change", values, line: input.change } };
    const options = {
      db: prisma,
      reference: input.reference,
      expectedVersion: input.version,
      read: (name: string) => fields[name],
      actor: user,
      limits: approvalLimits(),
    };
    let result: DecisionOutcome;
    try {
      if (input.step !== "confirm") return { ok: true, data: { step: "check", summary: await checkDecision(options), values } };
      result = await decideClaim({ ...options, key: bankDetailsKey() });
    } catch (error) {
      if (!isAppError(error) || error.code !== "VALIDATION") throw error;
      return {
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        data: { step: "change", values },
      };
    }
    refresh(input.reference);
    sendDueMessagesAfterResponse();
    return { ok: true, message: decisionMessage(result), data: { step: "done", values: {} } };
  },
);

function decisionMessage(result: DecisionOutcome): string {
  switch (result.outcome) {
    case "APPROVED":
      return `Claim approved. Payment ${result.payment.reference} for ${formatPence(result.approvedTotalPence)} created${result.payment.holdReason ? " and put on hold" : ""}.`;
    case "AWAITING_SECOND_APPROVAL":
      return `Claim approved for ${formatPence(result.approvedTotalPence)}. It is above the amount one caseworker may approve, so another caseworker must approve it before it is paid.`;
    case "REJECTED":
      return `Claim rejected: ${result.reason}.`;
  }
}

export const secondApproveClaimAction = defineAction("secondApproveClaim", z.object(claimForm), async (input, user) => {
  const result = await secondApproveClaim({
    db: prisma,
    key: bankDetailsKey(),
    reference: input.reference,
    expectedVersion: input.version,
    actor: user,
    limits: approvalLimits(),
  });
  refresh(input.reference);
  sendDueMessagesAfterResponse();
  return { ok: true, message: decisionMessage(result) };
});

export const returnClaimAction = defineAction("returnClaim", z.object({ ...claimForm, note: optional }), async (input, user) => {
  await returnClaim({ db: prisma, reference: input.reference, expectedVersion: input.version, note: input.note, actor: user });
  refresh(input.reference);
  return { ok: true, message: "Claim returned. It can be decided again." };
});

export const rejectClaimAction = defineAction(
  "rejectClaim",
  z.object({ ...claimForm, rejectionReason: optional, note: optional }),
  async (input, user) => {
    await rejectClaim({
      db: prisma,
      reference: input.reference,
      expectedVersion: input.version,
      reason: input.rejectionReason,
      note: input.note,
      actor: user,
    });
    refresh(input.reference);
    sendDueMessagesAfterResponse();
    return { ok: true, message: "Claim rejected." };
  },
);

export const requestInformationAction = defineAction(
  "requestInformation",
  z.object({ ...claimForm, kind: optional, note: optional }),
  async (input, user) => {
    await requestInformation({
      db: prisma,
      reference: input.reference,
      expectedVersion: input.version,
      kind: input.kind,
      note: input.note,
      actor: user,
    });
    refresh(input.reference);
    sendDueMessagesAfterResponse();
    return { ok: true, message: "Information requested. The claimant has been sent a message." };
  },
);

export const recordResponseAction = defineAction(
  "recordResponse",
  z.object({
    ...claimForm,
    message: z
      .string()
      .trim()
      .min(1, "Enter what the claimant told you")
      .max(2000, "The response must be 2,000 characters or fewer"),
  }),
  async (input, user) => {
    await recordResponse({
      db: prisma,
      key: bankDetailsKey(),
      lookupKey: bankLookupKey(),
      reference: input.reference,
      message: input.message,
      actor: user,
      actorId: user.id,
    });
    refresh(input.reference);
    return { ok: true, message: "Response recorded. The claim can be decided again." };
  },
);

export const cancelPaymentAction = defineAction(
  "cancelPayment",
  z.object({
    reference: claimForm.reference,
    paymentId: z.uuid("Unknown payment"),
    reason: z.string().trim().min(1, "Enter why the payment is cancelled").max(500, "The reason must be 500 characters or fewer"),
  }),
  async (input, user) => {
    await cancelPayment({ db: prisma, paymentId: input.paymentId, reason: input.reason, actor: user, now: new Date() });
    refresh(input.reference);
    return { ok: true, message: "Payment cancelled." };
  },
);

export const reissuePaymentAction = defineAction(
  "reissuePayment",
  z.object({ ...claimForm, paymentId: z.uuid("Unknown payment") }),
  async (input, user) => {
    const payment = await reissuePayment({
      db: prisma,
      key: bankDetailsKey(),
      claimReference: input.reference,
      expectedVersion: input.version,
      failedPaymentId: input.paymentId,
      actor: user,
      now: new Date(),
    });
    refresh(input.reference);
    return {
      ok: true,
      message: `Payment reissued as ${payment.reference}. The next direct-payments run sends it to the new bank details.`,
    };
  },
);

export const reissueVoucherAction = defineAction(
  "reissueVoucher",
  z.object({
    ...claimForm,
    paymentId: z.uuid("Unknown payment"),
    method: z.enum(["CASH", "BANK"], "Choose how the claimant is paid instead"),
  }),
  async (input, user) => {
    const payment = await reissueVoucher({
      db: prisma,
      key: bankDetailsKey(),
      claimReference: input.reference,
      expectedVersion: input.version,
      voucherPaymentId: input.paymentId,
      method: input.method,
      actor: user,
      now: new Date(),
    });
    refresh(input.reference);
    revalidatePath("/payout");
    return {
      ok: true,
      message:
        payment.method === "CASH"
          ? `Voucher reissued as ${payment.reference}. The next Payout run sends it to the Post Office.`
          : `Payment ${payment.reference} made by bank transfer instead. The next direct-payments run sends it.`,
    };
  },
);

export const proposeBankDetailsAction = defineAction(
  "proposeBankDetails",
  z.looseObject({ reference: claimForm.reference }),
  async (input, user) => {
    const fields = input as Record<string, unknown>;
    const { sameAccount } = await proposeBankDetailsForClaim({
      db: prisma,
      key: bankDetailsKey(),
      lookupKey: bankLookupKey(),
      reference: input.reference,
      fields,
      actor: user,
    });
    refresh(input.reference);
    const proposed = "New bank details proposed. Another caseworker must approve them; until then bank payments are on hold.";
    const warning = sameAccountWarning(sameAccount);
    return { ok: true, message: warning ? `${proposed} ${warning}` : proposed };
  },
);

export const decideBankDetailsChangeAction = defineAction(
  "decideBankDetailsChange",
  z.object({
    reference: claimForm.reference,
    changeId: z.uuid("Unknown change"),
    decision: z.enum(["approve", "reject"], "Choose approve or reject"),
  }),
  async (input, user) => {
    await decideBankDetailsChange({
      db: prisma,
      key: bankDetailsKey(),
      changeId: input.changeId,
      approve: input.decision === "approve",
      actor: user,
      now: new Date(),
    });
    refresh(input.reference);
    return { ok: true, message: input.decision === "approve" ? "New bank details approved." : "New bank details rejected." };
  },
);
