"use server";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

export const changeOwnPasswordAction = defineAction("changeOwnPassword", changeOwnPasswordSchema, async (input, user) => {
  await changeOwnPassword({ db: prisma, actor: user, currentPassword: input.currentPassword, newPassword: input.newPassword });
  return { ok: true, message: "Your password has been changed.", redirectTo: user.mustChangePassword ? "/" : undefined };
});
