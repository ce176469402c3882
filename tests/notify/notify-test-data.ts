import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import { makeClaimReference } from "@/lib/references/claim-reference";

// Messages as the portal queues them, straight into the database.

export const T0 = new Date("2026-11-30T09:00:00.000Z");
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export const TEMPLATE_IDS = {
  email: "6a8b4f4e-0000-4000-8000-00000000e001",
  sms: "6a8b4f4e-0000-4000-8000-00000000f001",
  "payout-voucher:email": "6a8b4f4e-0000-4000-8000-00000000e002",
  "support-alert": "6a8b4f4e-0000-4000-8000-00000000e003",
};

export async function makeClaimant(db: PrismaClient) {
  return db.claimant.create({
    data: {
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      email: "ada@example.com",
      phone: "07700900123",
      addressLine1: "1 High Street",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "EMAIL",
    },
  });
}

const RECIPIENTS: Record<NotificationChannel, string> = {
  EMAIL: "ada@example.com",
  SMS: "07700900123",
  LETTER: "Ada Lovelace\n1 High Street\nLeeds\nWest Yorkshire\nLS1 1AA",
};

export async function queueMessage(
  db: PrismaClient,
  options: { claimantId: string | null; channel: NotificationChannel; template?: string; subject?: string; at?: Date },
) {
  const subject = options.subject ?? "Your claim has been approved";
  return db.notification.create({
    data: {
      claimantId: options.claimantId,
      channel: options.channel,
      template: options.template ?? "CLAIM_APPROVED",
      recipient: RECIPIENTS[options.channel],
      personalisation: {
        subject,
        body: `Dear Ada,\n\n${subject}.\n\nClaim reference: 7KQ2M9X`,
        claimReference: "7KQ2M9X",
      },
      createdAt: options.at ?? T0,
    },
  });
}

/** A cash payment with its code issued and the voucher message the code upload queues. */
export async function queueVoucherMessage(db: PrismaClient, options: { channel: NotificationChannel; code: string }) {
  const claimant = await makeClaimant(db);
  const reference = makeClaimReference();
  const claim = await db.claim.create({
    data: {
      reference,
      claimantId: claimant.id,
      eventDate: new Date("2026-11-01"),
      paymentMethod: "CASH",
      source: "API",
      status: "APPROVED",
    },
  });
  const payment = await db.payment.create({
    data: {
      reference: `${reference}-01`,
      personId: claimant.id,
      claimId: claim.id,
      method: "CASH",
      amountPence: 4240,
      status: "SENT",
      paymentCode: options.code,
      voucherExpiresOn: new Date("2027-01-01"),
    },
  });
  const message = await db.notification.create({
    data: {
      claimantId: claimant.id,
      claimId: claim.id,
      paymentId: payment.id,
      channel: options.channel,
      template: "payout-voucher",
      recipient: RECIPIENTS[options.channel],
      personalisation: {
        subject: "Your cash payment is ready to collect",
        body: `Dear Ada,\n\nCollect £42.40 from any Post Office with payment code ${options.code} by 1 January 2027.`,
        reference: payment.reference,
        code: options.code,
        amount: "£42.40",
        expiryDate: "1 January 2027",
        paymentId: payment.id,
      },
      createdAt: T0,
    },
  });
  return { message, payment };
}
