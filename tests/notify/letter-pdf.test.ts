// A plain letter (any message sent by post that is not a voucher), read back from the PDF: the
// address where the voucher letter puts it (the window of a DL envelope), then the words, in order.
import { describe, expect, it } from "vitest";
import { letterKit } from "@/app/(portal)/outbox/letter-kit";
import { pdfPageCount, pdfTextLines } from "@/lib/payout/pdf-text.test-helper";
import { ADDRESS_POSITION, PAGE } from "@/lib/notify/letter-layout";
import { messagePdf, type MessageToRender } from "@/lib/notify/render-message";

const HELVETICA_ASCENT = 0.718;

const letter: MessageToRender = {
  id: "00000000-0000-4000-8000-000000000003",
  channel: "LETTER",
  template: "INFORMATION_REQUESTED",
  recipient: "Zoë O’Brien\n1 High Street\nFlat 2\nLeeds\nWest Yorkshire\nLS1 1AA",
  personalisation: {
    subject: "We need more information about your claim",
    body: "Dear Zoë,\n\nWe need more information before we can decide your claim.\nSend the train ticket.\n\nClaim reference: 7KQ2M9X",
    claimReference: "7KQ2M9X",
  },
  createdAt: new Date("2026-11-30T10:00:00Z"),
  paymentId: null,
};

describe("plain letter PDF", async () => {
  const pdf = (await messagePdf(letter, letterKit))!;
  const lines = pdfTextLines(pdf, PAGE.height);

  it("says the reference, the date, the address, the subject and the text, in that order", () => {
    expect(pdfPageCount(pdf)).toBe(1);
    // The standard fonts are WinAnsi-encoded: ’ is byte 0x92, read back as "\x92".
    expect(lines.map((l) => l.text)).toEqual([
      "Reference: 7KQ2M9X",
      "Date: 30 November 2026",
      "Zoë O\x92Brien",
      "1 High Street",
      "Flat 2",
      "Leeds",
      "West Yorkshire",
      "LS1 1AA",
      "We need more information about your claim",
      "Dear Zoë,",
      "We need more information before we can decide your claim.",
      "Send the train ticket.",
      "Claim reference: 7KQ2M9X",
    ]);
  });

  it("puts the address in the voucher letter's window position", () => {
    const address = lines.slice(2, 8);
    for (const l of address) {
      expect(l.x).toBeCloseTo(ADDRESS_POSITION.x, 2);
      expect([l.font, l.size]).toEqual(["Helvetica", 11]);
    }
    expect(address[0].baselineFromTop - HELVETICA_ASCENT * 11).toBeCloseTo(ADDRESS_POSITION.y, 0);
  });

  it("keeps every line inside the page's margins", () => {
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(ADDRESS_POSITION.x - 0.01);
      expect(l.baselineFromTop).toBeLessThan(PAGE.height - ADDRESS_POSITION.x);
    }
  });
});
