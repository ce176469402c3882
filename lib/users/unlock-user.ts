import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { updateUser } from "./update-user";

/** Clears the failed sign-in count and any lock on the user's email. */
export function unlockUser(options: { db: Db; actor: AuditActor & { id: string }; userId: string }) {
  return updateUser({
    ...options,
    action: "user.unlocked",
    change: async (user, tx) => {
      await tx.signInThrottle.deleteMany({ where: { email: user.email } });
      return {};
    },
  });
}
