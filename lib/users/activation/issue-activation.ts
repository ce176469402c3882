import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { ActivationPurpose } from "@/lib/generated/prisma/enums";
import { assertCanDeliver, type ActivationDelivery } from "./activation-delivery";
import { activationEmail } from "./activation-email";
import { activationExpiry, activationLink, newActivationToken } from "./activation-token";

/** The delivery, refused ones stopped here (an explicit narrowing: next build's checker did not follow the assertion). */
function deliverable(delivery: ActivationDelivery): Exclude<ActivationDelivery, { kind: "refused" }> {
  assertCanDeliver(delivery);
  return delivery;
}

/**
 * Issues a single-use activation link for the user, in the caller's transaction: earlier unused
 * links stop working, only the token's sha256 is stored, and the link goes out by email as the
 * transaction's last step (a refused send rolls everything back, so a link exists only if it was
 * sent). In demo mode without Notify the link is returned, to be shown once; it is never stored,
 * queued or logged.
 */
export async function issueActivation(
  tx: Tx,
  options: {
    user: { id: string; email: string; name: string };
    purpose: ActivationPurpose;
    actor: AuditActor & { id: string };
    now: Date;
    baseUrl: string;
    delivery: ActivationDelivery;
  },
): Promise<{ expiresAt: Date; demoLink?: string }> {
  const { user, purpose, actor, now, baseUrl } = options;
  const delivery = deliverable(options.delivery);
  await tx.userActivation.updateMany({
    where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const { token, tokenHash } = newActivationToken();
  const expiresAt = activationExpiry(now);
  const activation = await tx.userActivation.create({
    data: { userId: user.id, tokenHash, purpose, createdById: actor.id, createdAt: now, expiresAt },
  });
  await recordAudit(tx, {
    actor,
    action: "user.activation-link-issued",
    entityType: "User",
    entityId: user.id,
    after: {
      activationId: activation.id,
      purpose,
      expiresAt: expiresAt.toISOString(),
      sentBy: delivery.kind === "email" ? "GOV.UK Notify" : "shown once to the admin (demo mode)",
    },
  });
  const link = activationLink(baseUrl, token);
  if (delivery.kind === "demo") return { expiresAt, demoLink: link };
  const { subject, body } = activationEmail({ name: user.name, link, purpose, expiresAt });
  await delivery.send({ to: user.email, subject, body, reference: activation.id });
  return { expiresAt };
}

/** Sending an email happens inside these transactions: room for Notify's 20-second timeout. */
export const ACTIVATION_TRANSACTION = { maxWait: 10_000, timeout: 45_000 } as const;
