"use server";
import { signOut } from "@/lib/auth/auth";

// Any signed-in user may end their own session; no role applies.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
