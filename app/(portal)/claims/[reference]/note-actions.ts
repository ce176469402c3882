"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { addCaseNote } from "@/lib/claims/queue/add-case-note";
import { prisma } from "@/lib/db";

// Case notes on the claim's timeline (docs/caseworker-queue.md#case-notes); caseworkers only.
export const addCaseNoteAction = defineAction(
  "addCaseNote",
  z.object({ reference: z.string().regex(/^[0-9A-Z]{7}$/, "Unknown claim"), note: z.string().optional() }),
  async (input, user) => {
    await addCaseNote({ db: prisma, reference: input.reference, note: input.note, actor: user });
    revalidatePath(`/claims/${input.reference}`);
    return { ok: true, message: "Case note added." };
  },
);
