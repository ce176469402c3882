"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { roleLabels } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { configuredActivation } from "@/lib/users/activation/configured-activation";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { changeUserRoleSchema, createUserSchema, setUserDisabledSchema, userIdSchema } from "@/lib/users/schemas";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { unlockUser } from "@/lib/users/unlock-user";

// An admin never holds another account's working credential: a new account or a reset gets a
// single-use link emailed to the user (shown once only in demo mode without Notify), and a new
// account or a role change waits for a second admin (/admin/approvals).

function refresh(userId?: string) {
  revalidatePath("/admin/users");
  revalidatePath("/admin/approvals");
  if (userId) revalidatePath(`/admin/users/${userId}`);
}

export const createUserAction = defineAction("createUser", createUserSchema, async (input, user) => {
  const { delivery } = configuredActivation();
  const { userId } = await createUser({ db: prisma, actor: user, ...input, delivery });
  refresh();
  return {
    ok: true,
    message: `${input.name}'s account (${roleLabels[input.role]}) is waiting for another administrator to approve it. Once approved, ${input.email} is sent a link to set a password.`,
    data: { userId, email: input.email },
  };
});

export const changeUserRoleAction = defineAction("changeUserRole", changeUserRoleSchema, async (input, user) => {
  const { userName } = await changeUserRole({ db: prisma, actor: user, userId: input.userId, role: input.role });
  refresh(input.userId);
  return {
    ok: true,
    message: `Role change proposed: ${userName} becomes ${roleLabels[input.role]} when another administrator approves it.`,
  };
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
  const { delivery, baseUrl } = configuredActivation();
  const { email, demoLink } = await resetUserPassword({ db: prisma, actor: user, userId: input.userId, delivery, baseUrl });
  refresh(input.userId);
  return {
    ok: true,
    message: demoLink
      ? "Password reset. Their old password no longer works."
      : `Password reset. Their old password no longer works; ${email} has been sent a link to choose a new one.`,
    data: { demoLink },
  };
});
