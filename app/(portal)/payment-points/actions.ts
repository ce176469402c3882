"use server";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionOutcome } from "@/lib/actions/define-action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { submitPointForm, type PointFormMode } from "@/lib/plans/payment-points/submit-point-form";
import type { PointFormState } from "./_components/point-form-state";

// The payment point form's two actions, one per access rule: every button of the form (add or
// remove a filter, save) posts to the one for its point, new or existing.

async function submit(
  mode: PointFormMode,
  posted: Record<string, unknown>,
  user: CurrentUser,
): Promise<ActionOutcome<PointFormState>> {
  const outcome = await submitPointForm({ db: prisma, mode, fields: posted, actor: user, now: new Date() });
  // A new key each time: the form is drawn afresh from what comes back, rows added or removed included.
  const formKey = randomUUID();
  switch (outcome.kind) {
    case "edited":
      return { ok: true, data: { values: outcome.values, focus: outcome.focus, formKey } };
    case "invalid":
      return {
        ok: false,
        code: outcome.code,
        message: outcome.message,
        fieldErrors: outcome.fieldErrors,
        data: { values: outcome.values, formKey },
      };
    case "created":
      revalidatePath("/payment-points");
      return { ok: true, redirectTo: `/payment-points/${outcome.pointId}?saved=created` };
    case "changed":
      revalidatePath("/payment-points");
      revalidatePath(`/payment-points/${outcome.pointId}`);
      return { ok: true, redirectTo: `/payment-points/${outcome.pointId}?saved=${outcome.changed ? "changed" : "unchanged"}` };
  }
}

export const createPaymentPointAction = defineAction(
  "createPaymentPoint",
  z.looseObject({ benefitPlanId: z.uuid("Choose a benefit plan") }),
  async (posted, user) => submit({ kind: "create", benefitPlanId: posted.benefitPlanId.toLowerCase() }, posted, user),
);

export const changePaymentPointAction = defineAction(
  "changePaymentPoint",
  z.looseObject({
    pointId: z.uuid("Choose a payment point"),
    baseUpdatedAt: z.iso.datetime({ error: "Open the payment point again" }),
  }),
  async (posted, user) =>
    submit({ kind: "change", pointId: posted.pointId.toLowerCase(), baseUpdatedAt: posted.baseUpdatedAt }, posted, user),
);
