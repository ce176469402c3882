"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { describePayroll } from "@/lib/plans/cycles/rules/describe-payroll";

// An accountant creates a payment cycle (docs/plans.md#payment-cycles): one choice, "<plan id>|<period
// start>", from the periods the page offers; the payroll is built before the page moves on to it.

const choice = z
  .string("Choose a plan and period")
  .regex(/^[0-9a-f-]{36}\|\d{4}-\d{2}-\d{2}$/i, "Choose a plan and period")
  .transform((value) => {
    const [paymentPlanId, periodStart] = value.split("|");
    return { paymentPlanId: paymentPlanId.toLowerCase(), periodStart };
  });

export const createCycleAction = defineAction("createCycle", z.object({ period: choice }), async (input, user) => {
  const { cycleId, totals } = await createCycle({
    db: prisma,
    paymentPlanId: input.period.paymentPlanId,
    periodStart: input.period.periodStart,
    actor: user,
    now: new Date(),
  });
  revalidatePath("/payment-cycles");
  return { ok: true, message: `Cycle created: ${describePayroll(totals)}`, redirectTo: `/payment-cycles/${cycleId}` };
});
