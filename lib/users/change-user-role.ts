import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import { updateUser } from "./update-user";

export function changeUserRole(options: { db: Db; actor: AuditActor & { id: string }; userId: string; role: Role }) {
  return updateUser({
    ...options,
    action: "user.role-changed",
    forbidSelf: "You cannot change your own role. Ask another administrator.",
    change: () => ({ role: options.role }),
  });
}
