import { londonDate } from "@/lib/dates/london-date";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import type { LetterKit, VoucherDetails } from "./letter-kit";
import { plainLetterPdf } from "./letter-pdf";

/**
 * A queued message as its recipient will see it (docs/domain.md#messages): the email's subject
 * and text, the text message, or the letter (a PDF). Pure: the sender sends exactly this and the
 * outbox shows exactly this. The words were written when the message was queued (personalisation
 * "subject" and "body"); a voucher message (one with a payment and a "code") also carries the
 * voucher: its letter is the voucher letter, and its email links to that PDF.
 */

export interface MessageToRender {
  id: string;
  channel: NotificationChannel;
  template: string;
  /** Email address, phone number, or the postal address with the name first, one line each. */
  recipient: string;
  personalisation: unknown;
  createdAt: Date;
  paymentId: string | null;
  /** A voucher message's payment and claimant (loadVoucherDetails); null or absent otherwise. */
  voucher?: VoucherDetails | null;
}

export type MessageView =
  | { channel: "EMAIL"; to: string; subject: string; body: string; voucherCode: string | null }
  | { channel: "SMS"; to: string; body: string; voucherCode: string | null }
  | { channel: "LETTER"; address: string[]; subject: string; body: string; voucherCode: string | null };

function field(personalisation: unknown, name: string): string | null {
  if (typeof personalisation !== "object" || personalisation === null || Array.isArray(personalisation)) return null;
  const value = (personalisation as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

/** The voucher's payment code, for a message that carries one. */
export function voucherCodeOf(message: Pick<MessageToRender, "paymentId" | "personalisation">): string | null {
  return message.paymentId === null ? null : field(message.personalisation, "code");
}

export function messageView(message: MessageToRender): MessageView {
  const subject = field(message.personalisation, "subject") ?? "";
  const body = field(message.personalisation, "body") ?? "";
  const voucherCode = voucherCodeOf(message);
  switch (message.channel) {
    case "EMAIL":
      return { channel: "EMAIL", to: message.recipient, subject, body, voucherCode };
    case "SMS":
      return { channel: "SMS", to: message.recipient, body, voucherCode };
    case "LETTER":
      return {
        channel: "LETTER",
        address: message.recipient.split("\n").filter((l) => l.trim() !== ""),
        subject,
        body,
        voucherCode,
      };
  }
}

/** The London date a letter is dated: the day it was queued, so every rendering gives the same bytes. */
export function letterDateOf(message: Pick<MessageToRender, "createdAt">): string {
  return londonDate(message.createdAt);
}

/** True when the message has a PDF: every letter, and the voucher an email links to. */
export function hasPdf(message: Pick<MessageToRender, "channel" | "paymentId" | "personalisation">): boolean {
  return message.channel === "LETTER" || (message.channel === "EMAIL" && voucherCodeOf(message) !== null);
}

/** The file name Notify's download page (and the outbox) gives the PDF. */
export function pdfFileName(message: MessageToRender): string {
  return message.voucher ? `voucher-${message.voucher.paymentReference}.pdf` : `letter-${message.id}.pdf`;
}

/**
 * The letter's PDF, or the voucher PDF an email links to; null for a message without one. Rejects
 * when the letter cannot be printed as it should (a voucher without its details, a character the
 * fonts lack): a wrong letter is never made.
 */
export async function messagePdf(message: MessageToRender, kit: LetterKit): Promise<Uint8Array | null> {
  if (!hasPdf(message)) return null;
  const letterDate = letterDateOf(message);
  if (voucherCodeOf(message) !== null) {
    if (!message.voucher) throw new RangeError("voucher letter: the voucher's payment has no code or expiry date yet");
    return kit.voucherPdf({ ...message.voucher, letterDate });
  }
  const view = messageView(message);
  if (view.channel !== "LETTER") return null;
  return plainLetterPdf({
    address: view.address,
    subject: view.subject,
    body: view.body,
    letterDate,
    reference: field(message.personalisation, "claimReference"),
  });
}
