"use server";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionOutcome } from "@/lib/actions/define-action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { submitPlanForm, type PlanFormMode } from "@/lib/plans/payment-plans/submit-plan-form";
import type { PlanFormState } from "./_components/plan-form-state";

// The payment plan form's two actions, one per access rule: every button of the form (add or
// remove a row, preview, save) posts to the one for its plan, new or existing.

async function submit(
  mode: PlanFormMode,
  posted: Record<string, unknown>,
  user: CurrentUser,
): Promise<ActionOutcome<PlanFormState>> {
  const outcome = await submitPlanForm({ db: prisma, mode, fields: posted, actor: user, now: new Date() });
  // A new key each time: the form is drawn afresh from what comes back, rows added or removed included.
  const formKey = randomUUID();
  switch (outcome.kind) {
    case "edited":
      return { ok: true, data: { values: outcome.values, focus: outcome.focus, formKey } };
    case "previewed":
      return { ok: true, data: { values: outcome.values, preview: outcome.preview, formKey } };
    case "invalid":
      return {
        ok: false,
        code: outcome.code,
        message: outcome.message,
        fieldErrors: outcome.fieldErrors,
        data: { values: outcome.values, formKey },
      };
    case "created":
      revalidatePath("/payment-plans");
      return { ok: true, redirectTo: `/payment-plans/${outcome.planId}?saved=created` };
    case "changed":
      revalidatePath("/payment-plans");
      revalidatePath(`/payment-plans/${outcome.planId}`);
      return { ok: true, redirectTo: `/payment-plans/${outcome.planId}?saved=${outcome.outcome}` };
  }
}

export const createPaymentPlanAction = defineAction(
  "createPaymentPlan",
  z.looseObject({ benefitPlanId: z.uuid("Choose a benefit plan") }),
  async (posted, user) => submit({ kind: "create", benefitPlanId: posted.benefitPlanId }, posted, user),
);

export const changePaymentPlanAction = defineAction(
  "changePaymentPlan",
  z.looseObject({
    planId: z.uuid("Choose a payment plan"),
    baseVersion: z.string().regex(/^[1-9]\d{0,8}$/, "Open the plan again"),
  }),
  async (posted, user) =>
    submit({ kind: "change", planId: posted.planId, baseVersion: Number(posted.baseVersion) }, posted, user),
);
