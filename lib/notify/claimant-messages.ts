import type { ContactPreference } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";

// What the claimant is told, by the channel they chose. Pure: the outbox and, later, GOV.UK
// Notify send exactly this text.

export const CLAIMANT_MESSAGE_KINDS = [
  "CLAIM_APPROVED",
  "CLAIM_REJECTED",
  "INFORMATION_REQUESTED",
  "BANK_DETAILS_REQUESTED",
  "PAYMENT_FAILED",
  "CYCLE_PAYMENT_FAILED",
] as const;
export type ClaimantMessageKind = (typeof CLAIMANT_MESSAGE_KINDS)[number];

export type MessageData = {
  firstName: string;
  /** The reference the message ends with: a claim's, or, for payments of no claim, the payments'. */
  claimReference: string;
  /** The words before it; "Claim reference" unless given (DEFAULT_REFERENCE_LABEL). */
  referenceLabel?: string;
  amountPence?: number;
  reason?: string;
  note?: string;
  /** A decision's lines, each with its outcome, amount and reason; listed in the approval or rejection. */
  lines?: LineOutcome[];
};

/** One expense line as the claimant is told its outcome. */
export type LineOutcome = {
  lineNo: number;
  /** The expense type as it reads on screen ("Train"). */
  typeLabel: string;
  /** The claimant's own description of the expense. */
  description: string;
  claimedPence: number;
  decision: "APPROVED" | "APPROVED_DIFFERENT_AMOUNT" | "REJECTED";
  approvedPence: number | null;
  /** The note explaining a different amount, or why the line is not approved. */
  reason: string | null;
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
  const lineBlocks = (data.lines ?? []).map(lineOutcomeText);
  const lines: Record<ClaimantMessageKind, string[]> = {
    CLAIM_APPROVED: [approvedSentence(data), "We will send the payment in the next few working days."],
    // With the lines, each carries its own reason; the claim's would only repeat them.
    CLAIM_REJECTED: [
      "We have not approved your claim.",
      data.reason && lineBlocks.length === 0 ? `Reason: ${data.reason}` : "",
      data.note ?? "",
    ],
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
  const withLines = kind === "CLAIM_APPROVED" || kind === "CLAIM_REJECTED" ? lineBlocks : [];
  const paragraphs = [`Dear ${data.firstName},`, lines[kind].filter(Boolean).join("\n"), ...withLines, ref];
  return { subject: messageTitles[kind], body: paragraphs.join("\n\n") };
}

function approvedSentence(data: MessageData): string {
  if (data.amountPence === undefined) return "We have approved your claim.";
  const claimedPence = data.lines?.reduce((sum, l) => sum + l.claimedPence, 0);
  if (claimedPence === undefined || claimedPence === data.amountPence)
    return `We have approved ${formatPence(data.amountPence)}.`;
  return `We have approved ${formatPence(data.amountPence)} of the ${formatPence(claimedPence)} you claimed.`;
}

/** One line's outcome: what it was for, what we approved of it, and why, as a paragraph of its own. */
function lineOutcomeText(line: LineOutcome): string {
  const outcome =
    line.decision === "APPROVED"
      ? `Approved: ${formatPence(line.approvedPence ?? line.claimedPence)}`
      : line.decision === "APPROVED_DIFFERENT_AMOUNT"
        ? `Approved: ${formatPence(line.approvedPence ?? 0)} of the ${formatPence(line.claimedPence)} claimed`
        : `Not approved (${formatPence(line.claimedPence)} claimed)`;
  return [`Line ${line.lineNo}: ${line.typeLabel}, ${line.description}`, outcome, line.reason ? `Reason: ${line.reason}` : ""]
    .filter(Boolean)
    .join("\n");
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
