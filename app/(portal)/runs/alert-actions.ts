"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { resolveAlert } from "@/lib/notify/resolve-alert";

// An admin's "Mark dealt with" on an open alert of /runs (docs/domain.md#alerts).
export const resolveAlertAction = defineAction(
  "resolveAlert",
  z.object({ alertId: z.uuid("Choose an alert") }),
  async (input, user) => {
    const { title } = await resolveAlert({ db: prisma, alertId: input.alertId, actor: user, now: new Date() });
    revalidatePath("/runs");
    return { ok: true, message: `Alert marked dealt with: ${title}.` };
  },
);
