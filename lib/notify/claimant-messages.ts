import type { ContactPreference } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";

// What the claimant is told, by the channel they chose. Pure: the outbox and, later, GOV.UK
// Notify send exactly this text.

export type ClaimantMessageKind =
  | "CLAIM_APPROVED"
  | "CLAIM_REJECTED"
  | "INFORMATION_REQUESTED"
  | "BANK_DETAILS_REQUESTED"
  | "PAYMENT_FAILED"
  | "CYCLE_PAYMENT_FAILED";

export type MessageData = {
  firstName: string;
  /** The reference the message ends with: a claim's, or, for payments of no claim, the payments'. */
  claimReference: string;
  /** The words before it; "Claim reference" unless given (DEFAULT_REFERENCE_LABEL). */
  referenceLabel?: string;
  amountPence?: number;
  reason?: string;
  note?: string;
};

export type ContactDetails = {
  contactPreference: ContactPreference;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  county: string | null;
  postcode: string;
};

export const messageTitles: Record<ClaimantMessageKind, string> = {
  CLAIM_APPROVED: "Your claim has been approved",
  CLAIM_REJECTED: "Your claim has not been approved",
  INFORMATION_REQUESTED: "We need more information about your claim",
  BANK_DETAILS_REQUESTED: "We need your bank details",
  PAYMENT_FAILED: "We could not pay you: we need new bank details",
  CYCLE_PAYMENT_FAILED: "We could not make your payment: we need new bank details",
};

export const DEFAULT_REFERENCE_LABEL = "Claim reference";

export function claimantMessage(kind: ClaimantMessageKind, data: MessageData): { subject: string; body: string } {
  const ref = `${data.referenceLabel ?? DEFAULT_REFERENCE_LABEL}: ${data.claimReference}`;
  const lines: Record<ClaimantMessageKind, string[]> = {
    CLAIM_APPROVED: [
      `We have approved ${data.amountPence !== undefined ? formatPence(data.amountPence) : "your claim"}.`,
      "We will send the payment in the next few working days.",
    ],
    CLAIM_REJECTED: ["We have not approved your claim.", data.reason ? `Reason: ${data.reason}` : "", data.note ?? ""],
    INFORMATION_REQUESTED: ["We need more information before we can decide your claim.", data.note ?? ""],
    BANK_DETAILS_REQUESTED: ["We need your bank details before we can pay you.", data.note ?? ""],
    PAYMENT_FAILED: [
      "Your bank could not accept our payment.",
      "Please send us new bank details so we can pay you.",
      data.reason ? `Reason given by the bank: ${data.reason}` : "",
    ],
    // A benefit plan's payment has no claim to answer through: the person gives new details to us.
    CYCLE_PAYMENT_FAILED: [
      "Your bank could not accept a payment we sent you.",
      "Please contact us with new bank details (the name on the account, the sort code and the account number) so we can pay you.",
      data.reason ? `Reason given by the bank: ${data.reason}` : "",
    ],
  };
  const body = [`Dear ${data.firstName},`, "", ...lines[kind].filter(Boolean), "", ref].join("\n");
  return { subject: messageTitles[kind], body };
}

/** The channel and address the claimant asked for. */
export function recipientFor(contact: ContactDetails): { channel: ContactPreference; recipient: string } {
  switch (contact.contactPreference) {
    case "EMAIL":
      if (contact.email) return { channel: "EMAIL", recipient: contact.email };
      break;
    case "SMS":
      if (contact.phone) return { channel: "SMS", recipient: contact.phone };
      break;
  }
  // A letter always works: every claimant has a postal address.
  const address = [
    `${contact.firstName} ${contact.lastName}`,
    contact.addressLine1,
    contact.addressLine2,
    contact.town,
    contact.county,
    contact.postcode,
  ].filter(Boolean);
  return { channel: "LETTER", recipient: address.join("\n") };
}

/** The Notify template of the message that carries a Payout voucher (queued by the payment-code upload). */
export const PAYOUT_VOUCHER_TEMPLATE = "payout-voucher";

export type PayoutVoucherData = {
  firstName: string;
  /** The payment reference. */
  reference: string;
  /** The 13-character payment code the Post Office counter asks for. */
  code: string;
  /** "£12.50". */
  amount: string;
  /** The last day it can be collected, "28 December 2026". */
  expiryDate: string;
};

/**
 * The voucher message, by channel: a text message carries the code itself; an email the code too,
 * and the sender links it to the voucher PDF with the barcode (Notify emails cannot embed images);
 * a letter is that PDF, this text its covering words.
 */
export function payoutVoucherMessage(channel: ContactPreference, data: PayoutVoucherData): { subject: string; body: string } {
  const subject = "Your payment is ready to collect at a Post Office";
  if (channel === "SMS") {
    return {
      subject,
      body:
        `Dear ${data.firstName}, your payment of ${data.amount} is ready to collect in cash at any Post Office. ` +
        `Payment code: ${data.code}. Take photo ID. Collect it by ${data.expiryDate}. Reference: ${data.reference}`,
    };
  }
  const body = [
    `Dear ${data.firstName},`,
    "",
    `Your payment of ${data.amount} is ready to collect in cash at any Post Office.`,
    "",
    `Payment code: ${data.code}`,
    `Collect it by: ${data.expiryDate}`,
    "",
    "Show the counter this code, or the barcode on your voucher, and photo identification.",
    `If you cannot collect it by ${data.expiryDate}, contact us and we will send you a new voucher.`,
    "",
    `Payment reference: ${data.reference}`,
  ].join("\n");
  return { subject, body };
}
