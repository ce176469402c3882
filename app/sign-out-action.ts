"use server";
import { signOut } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/current-user";
import { endUserSessions } from "@/lib/auth/sessions/session-store";
import { prisma } from "@/lib/db";

// Any signed-in user may end their own session; no role applies. Signing out ends every session of
// the user (their session version moves on), so a copied cookie dies with it.
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await prisma.$transaction((tx) => endUserSessions(tx, user.id, new Date()));
  await signOut({ redirectTo: "/login" });
}
