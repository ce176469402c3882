import "server-only";
import { cache } from "react";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { auth } from "./auth";
import type { Role } from "./roles";
import type { SessionEnd } from "./sessions/session-rules";
import { loadSessionUser } from "./sessions/session-store";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  /** The session row the request came with (lib/auth/sessions). */
  sessionId?: string;
};

/**
 * The session behind the request's cookie, as the database has it now: a session that was signed
 * out, replaced (password, role or account changed), has passed 8 hours or sat idle is refused at
 * once, and a role change takes effect on the next request. Without a cookie, `ended` is null.
 */
export const getSession = cache(async (): Promise<{ user: CurrentUser | null; ended: SessionEnd | null }> => {
  const session = await auth();
  const sid = session?.sid;
  if (!session?.user?.id || !sid) return { user: null, ended: null };
  const result = await loadSessionUser(prisma, sid, new Date(), config().sessionIdleMinutes);
  if (result.user) return { user: result.user, ended: null };
  return { user: null, ended: result.ended === "UNKNOWN" ? null : result.ended };
});

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getSession()).user);
