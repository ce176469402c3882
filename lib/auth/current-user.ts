import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db";
import { auth } from "./auth";
import type { Role } from "./roles";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
};

/**
 * The signed-in user as the database has them now, not as the session cookie remembers them:
 * a role change or a disabled account takes effect on the next request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
});
