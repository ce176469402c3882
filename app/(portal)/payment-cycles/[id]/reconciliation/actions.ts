"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { reconcileCycle } from "@/lib/plans/cycles/reconcile-cycle";
import { describeReconciled } from "@/lib/plans/cycles/rules/reconciliation";

// An accountant marks a cycle reconciled (docs/cycle-reconciliation.md#marking-a-cycle-reconciled):
// one call into lib/plans/cycles, which refuses a cycle with payments still new or sent, or one
// that changed since the page showed it, whatever the page showed.

export const reconcileCycleAction = defineAction(
  "reconcileCycle",
  z.object({
    cycleId: z.uuid("Choose a cycle"),
    version: z.coerce.number("Reload the page and try again").int().min(0),
    confirm: z.literal("yes", "Confirm that the cycle is reconciled"),
  }),
  async (input, user) => {
    const outcome = await reconcileCycle({
      db: prisma,
      cycleId: input.cycleId,
      expectedVersion: input.version,
      actor: user,
      now: new Date(),
    });
    revalidatePath(`/payment-cycles/${input.cycleId}/reconciliation`);
    revalidatePath(`/payment-cycles/${input.cycleId}`);
    revalidatePath("/payment-cycles");
    return { ok: true, message: `Cycle reconciled: ${describeReconciled(outcome)}` };
  },
);
