"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createClaim } from "@/lib/claims/create-claim";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { keyInClaimSchema } from "./key-in-claim-schema";

export const keyInClaimAction = defineAction("keyInClaim", keyInClaimSchema, async (intake, user) => {
  const { reference } = await createClaim({
    db: prisma,
    key: bankDetailsKey(),
    lookupKey: bankLookupKey(),
    intake,
    source: "ASSISTED_DIGITAL",
    actor: user,
    keyedInById: user.id,
    now: new Date(),
  });
  revalidatePath("/claims");
  return { ok: true, redirectTo: `/claims/${reference}` };
});
