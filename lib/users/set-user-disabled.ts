import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { updateUser } from "./update-user";

export function setUserDisabled(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
  disabled: boolean;
  now: Date;
}) {
  return updateUser({
    ...options,
    action: options.disabled ? "user.disabled" : "user.enabled",
    forbidSelf: "You cannot disable or enable your own account. Ask another administrator.",
    endsSessions: options.disabled,
    change: () => ({ disabledAt: options.disabled ? options.now : null }),
  });
}
