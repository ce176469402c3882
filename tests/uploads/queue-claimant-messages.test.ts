// queueClaimantMessages (the outbox by INSERT … SELECT, used by the failed-payments upload) writes
// what queueClaimantMessage writes for one claimant: the same channel and address (recipientFor),
// the same words (claimantMessage) and the same timeline entry.
import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContactPreference } from "@/lib/generated/prisma/enums";
import { claimantMessage, recipientFor } from "@/lib/notify/claimant-messages";
import { queueClaimantMessages } from "@/lib/notify/queue-claimant-messages";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const CONTACTS: {
  contactPreference: ContactPreference;
  email: string | null;
  phone: string | null;
  addressLine2: string | null;
  county: string | null;
}[] = [
  { contactPreference: "EMAIL", email: "ada@example.com", phone: null, addressLine2: null, county: null },
  { contactPreference: "EMAIL", email: "", phone: "07700900123", addressLine2: "Flat 2", county: "West Yorkshire" },
  { contactPreference: "SMS", email: null, phone: "07700900123", addressLine2: null, county: null },
  { contactPreference: "SMS", email: "ada@example.com", phone: null, addressLine2: "", county: "" },
  { contactPreference: "LETTER", email: "ada@example.com", phone: "07700900123", addressLine2: "Flat 2", county: null },
];

describe("queueClaimantMessages", () => {
  it.each(CONTACTS.map((c, i) => [i, c] as const))(
    "contact %i: the channel, address, words and timeline of the one-by-one writer",
    async (i, contact) => {
      const claimant = await db().claimant.create({
        data: {
          firstName: "Zoë",
          lastName: `Number ${i}`,
          dateOfBirth: new Date("1980-01-01"),
          addressLine1: "1 High Street",
          town: "Leeds",
          postcode: "LS1 1AA",
          country: "England",
          ...contact,
        },
      });
      const claim = await db().claim.create({
        data: {
          reference: `Q00000${i}`,
          claimantId: claimant.id,
          eventDate: new Date("2026-11-01"),
          paymentMethod: "BANK",
          source: "API",
        },
      });
      const now = new Date("2026-11-23T09:00:00.000Z");
      const queued = await withPgTransaction(db(), (tx) =>
        queueClaimantMessages(tx, {
          kind: "PAYMENT_FAILED",
          actorId: null,
          now,
          rows: Prisma.sql`SELECT ${claimant.id}::uuid AS claimant_id, ${claim.id}::uuid AS claim_id, ARRAY[${claim.id}::uuid] AS claim_ids,
                                ${claim.reference}::text AS claim_reference, NULL::text AS reference_label,
                                'Account closed'::text AS reason`,
        }),
      );
      expect(queued).toBe(1);

      const expected = recipientFor(claimant);
      const message = claimantMessage("PAYMENT_FAILED", {
        firstName: "Zoë",
        claimReference: claim.reference,
        reason: "Account closed",
      });
      const notification = await db().notification.findFirstOrThrow({ where: { claimId: claim.id } });
      expect(notification).toMatchObject({
        claimantId: claimant.id,
        channel: expected.channel,
        recipient: expected.recipient,
        template: "PAYMENT_FAILED",
        status: "QUEUED",
        personalisation: { ...message, claimReference: claim.reference },
      });
      const channelName = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" }[expected.channel];
      expect(await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id } })).toMatchObject({
        kind: "message.queued",
        summary: `${channelName} queued: ${message.subject}`,
        detail: { notificationId: notification.id, channel: expected.channel },
        at: now,
      });
    },
  );
});
