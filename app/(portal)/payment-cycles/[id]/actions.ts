"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { rebuildPayroll } from "@/lib/plans/cycles/rebuild-payroll";
import { CYCLE_REASON_MAX, CYCLE_REASON_MIN, rejectCycle } from "@/lib/plans/cycles/reject-cycle";
import { describePayroll } from "@/lib/plans/cycles/rules/describe-payroll";

// An accountant's decisions on a cycle (docs/plans.md#maker-checker), each one call into
// lib/plans/cycles, which refuses the payroll's makers whatever the page showed.

const cycleId = z.uuid("Choose a cycle");
const version = z.coerce.number("Reload the page and try again").int().min(0);
const text = (what: string) =>
  z
    .string(`Enter ${what}`)
    .trim()
    .min(CYCLE_REASON_MIN, `Enter ${what}, in at least ${CYCLE_REASON_MIN} characters`)
    .max(CYCLE_REASON_MAX, `The ${what.replace(/^(a|the) /, "")} must be ${CYCLE_REASON_MAX} characters or fewer`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function refresh(id: string) {
  revalidatePath(`/payment-cycles/${id}`);
  revalidatePath("/payment-cycles");
}

export const decideSuspendedPaymentsAction = defineAction(
  "decideSuspendedPayments",
  z.object({
    cycleId,
    paymentId: z
      .union([z.uuid(), z.array(z.uuid())], "Choose at least one suspended payment")
      .transform((v) => (Array.isArray(v) ? v : [v])),
    decision: z.enum(["APPROVE_FULL", "APPROVE_AT_LIMIT", "REJECT"], "Choose what to do with the payments"),
    note: text("a note"),
  }),
  async (input, user) => {
    const { decided, alreadyDecided } = await decideSuspendedPayments({
      db: prisma,
      cycleId: input.cycleId,
      paymentIds: input.paymentId,
      decision: input.decision,
      note: input.note,
      actor: user,
      now: new Date(),
    });
    refresh(input.cycleId);
    const done = input.decision === "REJECT" ? "rejected" : "approved";
    const skipped = alreadyDecided ? ` ${plural(alreadyDecided, "was", "were")} decided already by someone else.` : "";
    return {
      ok: true,
      message: `${plural(decided, "suspended payment", "suspended payments")} ${done}.${skipped}`,
      // The form's section goes when the last suspended payment is decided: the page says what happened.
      redirectTo: decided > 0 ? `/payment-cycles/${input.cycleId}?done=suspended` : undefined,
    };
  },
);

const confirm = z.literal("yes", "Confirm the decision");

export const approveCycleAction = defineAction("approveCycle", z.object({ cycleId, version, confirm }), async (input, user) => {
  const { released, held } = await approveCycle({
    db: prisma,
    cycleId: input.cycleId,
    expectedVersion: input.version,
    actor: user,
    now: new Date(),
  });
  refresh(input.cycleId);
  const onHold = held ? ` ${plural(held, "is", "are")} on hold until a pending change is approved.` : "";
  return {
    ok: true,
    message: `Cycle approved: ${plural(released, "payment goes", "payments go")} into the next bank and Payout runs.${onHold}`,
    // The decision section goes once the cycle is approved: the page says what happened.
    redirectTo: `/payment-cycles/${input.cycleId}?done=approved`,
  };
});

export const rejectCycleAction = defineAction(
  "rejectCycle",
  z.object({ cycleId, version, reason: text("the reason"), confirm }),
  async (input, user) => {
    await rejectCycle({
      db: prisma,
      cycleId: input.cycleId,
      expectedVersion: input.version,
      reason: input.reason,
      actor: user,
      now: new Date(),
    });
    refresh(input.cycleId);
    return { ok: true, message: "Cycle rejected. Its payroll waits to be rebuilt." };
  },
);

export const rebuildPayrollAction = defineAction(
  "rebuildPayroll",
  z.object({ cycleId, version, confirm }),
  async (input, user) => {
    const { totals, payrollVersion } = await rebuildPayroll({
      db: prisma,
      cycleId: input.cycleId,
      expectedVersion: input.version,
      actor: user,
      now: new Date(),
    });
    refresh(input.cycleId);
    return { ok: true, message: `Payroll rebuilt (version ${payrollVersion}): ${describePayroll(totals)}` };
  },
);
