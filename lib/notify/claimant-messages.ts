import type { ContactPreference } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";

// What the claimant is told, by the channel they chose. Pure: the outbox and, later, GOV.UK
// Notify send exactly this text.

export type ClaimantMessageKind =
  "CLAIM_APPROVED" | "CLAIM_REJECTED" | "INFORMATION_REQUESTED" | "BANK_DETAILS_REQUESTED" | "PAYMENT_FAILED";

export type MessageData = {
  firstName: string;
  claimReference: string;
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
};

export function claimantMessage(kind: ClaimantMessageKind, data: MessageData): { subject: string; body: string } {
  const ref = `Claim reference: ${data.claimReference}`;
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
