"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { API_TOKEN_NAME_MAX, createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { prisma } from "@/lib/db";

const createApiTokenSchema = z.object({
  name: z
    .string({ error: "Enter a name for the token" })
    .trim()
    .min(1, "Enter a name for the token")
    .max(API_TOKEN_NAME_MAX, `Name must be ${API_TOKEN_NAME_MAX} characters or fewer`),
});

const revokeApiTokenSchema = z.object({ tokenId: z.uuid("Choose a token to revoke") });

export const createApiTokenAction = defineAction("createApiToken", createApiTokenSchema, async (input, user) => {
  const { token } = await createApiToken({ db: prisma, actor: user, name: input.name });
  revalidatePath("/admin/api-tokens");
  return { ok: true, message: `Token "${input.name}" created.`, data: { name: input.name, token } };
});

export const revokeApiTokenAction = defineAction("revokeApiToken", revokeApiTokenSchema, async (input, user) => {
  const { name } = await revokeApiToken({ db: prisma, actor: user, tokenId: input.tokenId, now: new Date() });
  revalidatePath("/admin/api-tokens");
  return { ok: true, message: `Token "${name}" revoked. Requests that use it are now refused.` };
});
