"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { changeUserRoleSchema, createUserSchema, setUserDisabledSchema, userIdSchema } from "@/lib/users/schemas";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { unlockUser } from "@/lib/users/unlock-user";

function refresh(userId?: string) {
  revalidatePath("/admin/users");
  if (userId) revalidatePath(`/admin/users/${userId}`);
}

export const createUserAction = defineAction("createUser", createUserSchema, async (input, user) => {
  const { userId, oneTimePassword } = await createUser({ db: prisma, actor: user, ...input });
  refresh();
  return {
    ok: true,
    message: `${input.name} can now sign in with the one-time password below.`,
    data: { userId, oneTimePassword, email: input.email },
  };
});

export const changeUserRoleAction = defineAction("changeUserRole", changeUserRoleSchema, async (input, user) => {
  await changeUserRole({ db: prisma, actor: user, userId: input.userId, role: input.role });
  refresh(input.userId);
  return { ok: true, message: "Role changed." };
});

export const setUserDisabledAction = defineAction("setUserDisabled", setUserDisabledSchema, async (input, user) => {
  await setUserDisabled({ db: prisma, actor: user, userId: input.userId, disabled: input.disabled, now: new Date() });
  refresh(input.userId);
  return { ok: true, message: input.disabled ? "User disabled. They can no longer sign in." : "User enabled." };
});

export const unlockUserAction = defineAction("unlockUser", userIdSchema, async (input, user) => {
  await unlockUser({ db: prisma, actor: user, userId: input.userId });
  refresh(input.userId);
  return { ok: true, message: "User unlocked. They can sign in again now." };
});

export const resetUserPasswordAction = defineAction("resetUserPassword", userIdSchema, async (input, user) => {
  const { oneTimePassword } = await resetUserPassword({ db: prisma, actor: user, userId: input.userId });
  refresh(input.userId);
  return {
    ok: true,
    message: "Password reset. Give the user this one-time password; it is shown only once.",
    data: { oneTimePassword },
  };
});
