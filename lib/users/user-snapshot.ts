import type { User } from "@/lib/generated/prisma/client";

/** What the audit log keeps of a user: never the password hash. */
export function userSnapshot(user: User) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: !!user.disabledAt,
    mustChangePassword: user.mustChangePassword,
    awaitingApproval: user.awaitingApproval,
  };
}
