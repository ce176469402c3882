import { roleLabels, type Role } from "@/lib/auth/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isSystemUserEmail } from "@/lib/users/system-users";
import type { OpsActor } from "./ops-command";

// Who a support CLI command acts as (docs/support-cli.md#who-a-command-acts-as): the --as user must
// be someone who could do the same on the web today. The rule is pure; findOpsActor loads the user.

export interface OpsUserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  awaitingApproval: boolean;
  mustChangePassword: boolean;
  /** Set while sign-in is locked for the email after failed attempts (SignInThrottle), as /admin/users shows it. */
  lockedUntil: Date | null;
}

export type OpsActorCheck = { ok: true; actor: OpsActor } | { ok: false; reason: string };

const either = (roles: readonly Role[]) => {
  const labels = roles.map((r) => roleLabels[r]);
  return labels.length <= 1 ? (labels[0] ?? "no role") : `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
};

/**
 * Why `user` may not run a command open to `roles` (one sentence), or the actor it runs as. The
 * role is the one the account holds now: a role grant still waiting for a second admin is not it yet.
 */
export function checkOpsActor(email: string, user: OpsUserRecord | null, roles: readonly Role[], now: Date): OpsActorCheck {
  if (!user) return { ok: false, reason: `There is no user with the email address ${email}.` };
  if (isSystemUserEmail(user.email))
    return { ok: false, reason: `${user.email} is one of the system's own accounts: nobody acts as it.` };
  if (user.awaitingApproval)
    return { ok: false, reason: `${user.email}'s account is waiting for a second administrator to approve it.` };
  if (user.disabledAt) return { ok: false, reason: `${user.email}'s account is disabled.` };
  // Locked after failed sign-ins: someone may be guessing its password, so nothing acts as it
  // until the lock ends or an administrator unlocks it.
  if (user.lockedUntil && user.lockedUntil > now)
    return {
      ok: false,
      reason: `${user.email}'s account is locked after too many failed sign-ins: wait until the lock ends, or an administrator unlocks it on /admin/users.`,
    };
  if (user.mustChangePassword)
    return {
      ok: false,
      reason: `${user.email} must change their one-time password in the portal before doing anything else.`,
    };
  if (!roles.includes(user.role))
    return {
      ok: false,
      reason:
        roles.length === 0
          ? `Nobody may do this, ${user.email} included.`
          : `${user.email} has the role ${roleLabels[user.role]}: this command needs ${either(roles)}.`,
    };
  return { ok: true, actor: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The user named by --as (emails are stored lower-cased) with any sign-in lock, or null. */
export async function findOpsUser(db: PrismaClient, email: string): Promise<OpsUserRecord | null> {
  const address = email.trim().toLowerCase();
  const [user, throttle] = await Promise.all([
    db.user.findUnique({
      where: { email: address },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabledAt: true,
        awaitingApproval: true,
        mustChangePassword: true,
      },
    }),
    db.signInThrottle.findUnique({ where: { email: address }, select: { lockedUntil: true } }),
  ]);
  return user ? { ...user, lockedUntil: throttle?.lockedUntil ?? null } : null;
}
