import type { Tx } from "@/lib/db";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import {
  claimantMessage,
  recipientFor,
  type ClaimantMessageKind,
  type ContactDetails,
  type MessageData,
} from "./claimant-messages";

const channelNames = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;

/**
 * Puts a message for the claimant in the notification outbox, by their contact preference, and
 * notes it on the claim's timeline, in the caller's transaction. Sending happens elsewhere.
 */
export async function queueClaimantMessage(
  tx: Tx,
  options: {
    claimant: ContactDetails & { id: string };
    claimId: string;
    kind: ClaimantMessageKind;
    data: Omit<MessageData, "firstName">;
    actorId?: string | null;
    /** When it was queued, if not now (the demo seed's history). */
    at?: Date;
  },
): Promise<void> {
  const { claimant, claimId, kind } = options;
  const { channel, recipient } = recipientFor(claimant);
  const message = claimantMessage(kind, { ...options.data, firstName: claimant.firstName });
  const notification = await tx.notification.create({
    data: {
      claimantId: claimant.id,
      claimId,
      channel,
      template: kind,
      recipient,
      personalisation: { ...message, claimReference: options.data.claimReference },
      createdAt: options.at,
    },
  });
  await addClaimEvent(tx, {
    claimId,
    actorId: options.actorId,
    kind: "message.queued",
    summary: `${channelNames[channel]} queued: ${message.subject}`,
    detail: { notificationId: notification.id, channel },
    at: options.at,
  });
}
