import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { claimantMessageCases } from "./fixtures/claimant-message-cases";
import type { LetterKit, VoucherLetter } from "./letter-kit";
import { printable } from "./letter-pdf";
import {
  hasPdf,
  letterDateOf,
  messagePdf,
  messageView,
  pdfFileName,
  voucherCodeOf,
  type MessageToRender,
} from "./render-message";

// The golden is every channel's view written out as text: what the outbox shows and what the sender
// hands to Notify (email: subject and body; text message: body; letter: the address and the words).
const GOLDEN = fileURLToPath(new URL("./fixtures/golden-messages.txt", import.meta.url));

const voucherCalls: VoucherLetter[] = [];
const kit: LetterKit = {
  voucherPdf: async (letter) => {
    voucherCalls.push(letter);
    return new TextEncoder().encode("%PDF-voucher");
  },
};

const base = {
  template: "CLAIM_APPROVED",
  // 23:30 UTC on 30 November is still 30 November in London (GMT).
  createdAt: new Date("2026-11-30T23:30:00Z"),
  paymentId: null,
  personalisation: {
    subject: "Your claim has been approved",
    body: "Dear Ada,\n\nWe have approved £42.40.\nWe will send the payment in the next few working days.\n\nClaim reference: 7KQ2M9X",
    claimReference: "7KQ2M9X",
  },
} as const;

const email: MessageToRender = {
  ...base,
  id: "00000000-0000-4000-8000-000000000001",
  channel: "EMAIL",
  recipient: "ada@example.com",
};
const sms: MessageToRender = { ...base, id: "00000000-0000-4000-8000-000000000002", channel: "SMS", recipient: "07700900123" };
const letter: MessageToRender = {
  ...base,
  id: "00000000-0000-4000-8000-000000000003",
  channel: "LETTER",
  recipient: "Ada Lovelace\n1 High Street\nLeeds\nWest Yorkshire\nLS1 1AA",
};
const voucher = {
  paymentReference: "7KQ2M9X-01",
  firstName: "Ada",
  lastName: "Lovelace",
  addressLine1: "1 High Street",
  town: "Leeds",
  county: "West Yorkshire",
  postcode: "LS1 1AA",
  amountPence: 4240,
  code: "K7QX2M9PLA4TZ",
  expiryDate: "2027-01-01",
};
const voucherPersonalisation = {
  subject: "Your cash payment is ready to collect",
  body: "Dear Ada,\n\nCollect £42.40 from any Post Office with payment code K7QX2M9PLA4TZ by 1 January 2027.",
  reference: "7KQ2M9X-01",
  code: "K7QX2M9PLA4TZ",
  amount: "£42.40",
  expiryDate: "1 January 2027",
  paymentId: "00000000-0000-4000-8000-0000000000aa",
};
const voucherEmail: MessageToRender = {
  ...email,
  id: "00000000-0000-4000-8000-000000000004",
  template: "payout-voucher",
  paymentId: "00000000-0000-4000-8000-0000000000aa",
  personalisation: voucherPersonalisation,
  voucher,
};
const voucherLetter: MessageToRender = {
  ...voucherEmail,
  id: "00000000-0000-4000-8000-000000000005",
  channel: "LETTER",
  recipient: letter.recipient,
};
const alert: MessageToRender = {
  ...email,
  id: "00000000-0000-4000-8000-000000000006",
  template: "support-alert",
  recipient: "support@example.gov.uk",
  personalisation: {
    subject: "Disburse alert: a run failed",
    body: "The Payout run failed.\n\nOpen alerts are listed on the Runs page.",
  },
};

function asText(message: MessageToRender): string {
  const view = messageView(message);
  const head = `== ${message.template} ${view.channel}${view.voucherCode ? ` voucher ${view.voucherCode}` : ""}`;
  switch (view.channel) {
    case "EMAIL":
      return [head, `To: ${view.to}`, `Subject: ${view.subject}`, "", view.body].join("\n");
    case "SMS":
      return [head, `To: ${view.to}`, "", view.body].join("\n");
    case "LETTER":
      return [head, ...view.address.map((l) => `Address: ${l}`), `Subject: ${view.subject}`, "", view.body].join("\n");
  }
}

describe("messageView: golden text", () => {
  it("shows each channel as its recipient sees it", () => {
    const all = [email, sms, letter, voucherEmail, voucherLetter, alert, ...claimantMessageCases()];
    const text = all.map(asText).join("\n\n") + "\n";
    expect(text).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("knows a voucher by its payment and code, and only then", () => {
    expect(voucherCodeOf(voucherEmail)).toBe("K7QX2M9PLA4TZ");
    expect(voucherCodeOf({ ...voucherEmail, paymentId: null })).toBeNull();
    expect(voucherCodeOf(email)).toBeNull();
    expect([email, sms, letter, voucherEmail, voucherLetter, alert].map(hasPdf)).toEqual([false, false, true, true, true, false]);
  });

  it("is empty rather than wrong when the words are missing", () => {
    expect(messageView({ ...email, personalisation: null })).toMatchObject({ subject: "", body: "" });
    expect(messageView({ ...email, personalisation: [1, 2] })).toMatchObject({ subject: "", body: "" });
  });
});

describe("messagePdf", () => {
  it("dates a letter by the London day it was queued", () => {
    expect(letterDateOf({ createdAt: new Date("2026-06-30T23:30:00Z") })).toBe("2026-07-01");
    expect(letterDateOf(letter)).toBe("2026-11-30");
  });

  it("makes a voucher's letter, and the PDF its email links to, from the payment's details", async () => {
    voucherCalls.length = 0;
    expect(new TextDecoder().decode((await messagePdf(voucherLetter, kit))!)).toBe("%PDF-voucher");
    await messagePdf(voucherEmail, kit);
    expect(voucherCalls).toEqual([
      { ...voucher, letterDate: "2026-11-30" },
      { ...voucher, letterDate: "2026-11-30" },
    ]);
    expect(pdfFileName(voucherEmail)).toBe("voucher-7KQ2M9X-01.pdf");
    await expect(messagePdf({ ...voucherLetter, voucher: null }, kit)).rejects.toThrow(/no code or expiry date/);
  });

  it("makes no PDF for an ordinary email or text message", async () => {
    expect(await messagePdf(email, kit)).toBeNull();
    expect(await messagePdf(sms, kit)).toBeNull();
  });

  it("makes a plain letter: one A4 page, the same bytes every time", async () => {
    const pdf = (await messagePdf(letter, kit))!;
    const text = Buffer.from(pdf).toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text).toContain("/MediaBox [0 0 595.28 841.89]");
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(Buffer.from((await messagePdf({ ...letter }, kit))!).equals(Buffer.from(pdf))).toBe(true);
    expect(pdfFileName(letter)).toBe(`letter-${letter.id}.pdf`);
  });

  it("flows a long letter onto more pages", async () => {
    const body = Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of a very long letter.`).join("\n\n");
    const pdf = (await messagePdf({ ...letter, personalisation: { subject: "Long", body } }, kit))!;
    expect(
      Buffer.from(pdf)
        .toString("latin1")
        .match(/\/Type \/Page\b/g)!.length,
    ).toBeGreaterThan(1);
  });

  it("refuses a letter with no address", async () => {
    await expect(messagePdf({ ...letter, recipient: " \n " }, kit)).rejects.toThrow(/no address/);
  });
});

describe("printable", () => {
  it("keeps what the standard fonts print, and takes off accents they lack", () => {
    expect(printable("Zoë O’Brien – £5 €5", "name")).toBe("Zoë O’Brien – £5 €5");
    expect(printable("Dvořák Őze\r\nx\ty", "name")).toBe("Dvorák Oze\nx y");
  });

  it("refuses characters that have no printable form, naming them", () => {
    expect(() => printable("Łukasz Иван 😀", "address")).toThrow(
      "letter: the address has characters the letter's fonts cannot print: Ł И в а н 😀",
    );
  });
});
