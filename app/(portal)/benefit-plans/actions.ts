"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseBenefitPlanForm } from "@/lib/plans/benefit-plans/benefit-plan-form";
import { createBenefitPlan } from "@/lib/plans/benefit-plans/create-benefit-plan";
import { updateBenefitPlan } from "@/lib/plans/benefit-plans/update-benefit-plan";
import { formReader } from "./_components/form-reader";

// Creating and changing a benefit plan: the form is read by lib/ (its attribute rows are many
// fields), so the schema here only asks that something was sent.

function readPlan(input: Record<string, unknown>) {
  const parsed = parseBenefitPlanForm(formReader(input));
  if (!parsed.ok) throw new AppError("VALIDATION", "Check the form for errors.", parsed.fieldErrors);
  return parsed.plan;
}

const planForm = z.looseObject({ code: z.string("Enter a code").trim().min(1, "Enter a code") });

export const createBenefitPlanAction = defineAction("createBenefitPlan", planForm, async (input, user) => {
  const { code } = await createBenefitPlan({ db: prisma, plan: readPlan(input), actor: user, now: new Date() });
  revalidatePath("/benefit-plans");
  return { ok: true, redirectTo: `/benefit-plans/${code}` };
});

export const changeBenefitPlanAction = defineAction("changeBenefitPlan", planForm, async (input, user) => {
  const plan = readPlan(input);
  await updateBenefitPlan({ db: prisma, code: plan.code, plan, actor: user, now: new Date() });
  revalidatePath("/benefit-plans");
  revalidatePath(`/benefit-plans/${plan.code}`);
  return { ok: true, redirectTo: `/benefit-plans/${plan.code}` };
});
