import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { assertCanDeliver, type ActivationDelivery } from "./activation/activation-delivery";
import { issueActivation } from "./activation/issue-activation";
import { unusablePasswordHash } from "./activation/unusable-password";
import { updateUser } from "./update-user";

/**
 * The old password stops working, any lock is cleared, the user's sessions end, and a single-use
 * link to choose a new password goes to the user's own email address: the admin never holds a
 * working password (in demo mode without Notify the link is returned to be shown once).
 */
export async function resetUserPassword(options: {
  db: Db;
  actor: AuditActor & { id: string };
  userId: string;
  delivery: ActivationDelivery;
  baseUrl: string;
  now?: Date;
}): Promise<{ email: string; demoLink?: string }> {
  const { delivery, baseUrl, actor } = options;
  const now = options.now ?? new Date();
  if (actor.id !== options.userId) assertCanDeliver(delivery);
  const passwordHash = await unusablePasswordHash();
  const { user, last } = await updateUser({
    ...options,
    action: "user.password-reset",
    forbidSelf: "Use 'Change your password' for your own account.",
    endsSessions: true,
    change: async (before, tx) => {
      if (before.awaitingApproval) {
        throw new AppError(
          "INVALID_STATE",
          `${before.name}'s account is waiting for a second administrator's approval: the link to set a password is sent when it is approved.`,
        );
      }
      await tx.signInThrottle.deleteMany({ where: { email: before.email } });
      return { passwordHash, mustChangePassword: false, passwordExpiresAt: null };
    },
    lastStep: (after, tx) => issueActivation(tx, { user: after, purpose: "PASSWORD_RESET", actor, now, baseUrl, delivery }),
  });
  return { email: user.email, demoLink: last?.demoLink };
}
