import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { pages, mayUse, type PageKey } from "./access";
import { getCurrentUser, getSession, type CurrentUser } from "./current-user";
import type { Role } from "./roles";

async function currentPath(): Promise<string> {
  return (await headers()).get("x-disburse-path") ?? "/";
}

/** Pages: signed out -> sign-in; a one-time password -> change it first; wrong role -> HTTP 403. */
export async function requirePage(page: PageKey): Promise<CurrentUser> {
  const { user, ended } = await getSession();
  if (!user) {
    const query = new URLSearchParams({ callbackUrl: await currentPath() });
    if (ended) query.set("ended", ended);
    redirect(`/login?${query}`);
  }
  if (user.mustChangePassword && page !== "changePassword") redirect("/account/password");
  if (!mayUse(pages[page].roles, user.role)) forbidden();
  return user;
}

/**
 * Route handlers: 401 JSON when signed out, 403 JSON without the role or while a one-time password
 * must still be changed (as pages and actions refuse); never a redirect.
 */
export async function requireApiRole(
  roles: readonly Role[],
): Promise<{ user: CurrentUser; response?: never } | { user?: never; response: NextResponse }> {
  const user = await getCurrentUser();
  if (!user) return { response: NextResponse.json({ error: "Sign in required" }, { status: 401 }) };
  if (user.mustChangePassword) {
    return { response: NextResponse.json({ error: "Change your password before doing anything else" }, { status: 403 }) };
  }
  if (!mayUse(roles, user.role)) {
    return { response: NextResponse.json({ error: "You do not have permission to do this" }, { status: 403 }) };
  }
  return { user };
}
