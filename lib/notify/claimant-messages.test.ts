import { describe, expect, it } from "vitest";
import {
  CLAIMANT_MESSAGE_KINDS,
  claimantMessage,
  payoutVoucherMessage,
  recipientFor,
  type ContactDetails,
  type LineOutcome,
} from "./claimant-messages";
import { CHANNELS, claimantMessageCases, CLAIMANT_MESSAGE_CASES } from "./fixtures/claimant-message-cases";

const contact: ContactDetails = {
  contactPreference: "EMAIL",
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  phone: "07700900123",
  addressLine1: "1 High Street",
  addressLine2: null,
  town: "Leeds",
  county: "West Yorkshire",
  postcode: "LS1 1AA",
};

describe("claimant messages", () => {
  it("goes by the contact preference, falling back to a letter", () => {
    expect(recipientFor(contact)).toEqual({ channel: "EMAIL", recipient: "ada@example.com" });
    expect(recipientFor({ ...contact, contactPreference: "SMS" })).toEqual({ channel: "SMS", recipient: "07700900123" });
    expect(recipientFor({ ...contact, contactPreference: "LETTER" })).toEqual({
      channel: "LETTER",
      recipient: "Ada Lovelace\n1 High Street\nLeeds\nWest Yorkshire\nLS1 1AA",
    });
    expect(recipientFor({ ...contact, contactPreference: "SMS", phone: null }).channel).toBe("LETTER");
  });

  it("writes the approval with the amount in pounds and the reference", () => {
    expect(claimantMessage("CLAIM_APPROVED", { firstName: "Ada", claimReference: "7KQ2M9X", amountPence: 123456 })).toEqual({
      subject: "Your claim has been approved",
      body: "Dear Ada,\n\nWe have approved £1,234.56.\nWe will send the payment in the next few working days.\n\nClaim reference: 7KQ2M9X",
    });
  });

  it("includes the caseworker's note in a request for information", () => {
    const { body } = claimantMessage("INFORMATION_REQUESTED", {
      firstName: "Ada",
      claimReference: "7KQ2M9X",
      note: "Send the train ticket.",
    });
    expect(body).toContain("Send the train ticket.");
  });
});

describe("a decision line by line", () => {
  const line = (n: number, decision: LineOutcome["decision"], approvedPence: number | null, reason: string | null) => ({
    lineNo: n,
    typeLabel: "Bus",
    description: `Leg ${n}`,
    claimedPence: 1000,
    decision,
    approvedPence,
    reason,
  });

  it("says what was approved of what was claimed, and each line's outcome and reason in line order", () => {
    const { body } = claimantMessage("CLAIM_APPROVED", {
      firstName: "Ada",
      claimReference: "7KQ2M9X",
      amountPence: 1500,
      lines: [
        line(1, "APPROVED", 1000, null),
        line(2, "APPROVED_DIFFERENT_AMOUNT", 500, "Half fare"),
        line(3, "REJECTED", null, "Duplicate"),
      ],
    });
    expect(body).toBe(
      "Dear Ada,\n\nWe have approved £15.00 of the £30.00 you claimed.\nWe will send the payment in the next few working days.\n\n" +
        "Line 1: Bus, Leg 1\nApproved: £10.00\n\n" +
        "Line 2: Bus, Leg 2\nApproved: £5.00 of the £10.00 claimed\nReason: Half fare\n\n" +
        "Line 3: Bus, Leg 3\nNot approved (£10.00 claimed)\nReason: Duplicate\n\n" +
        "Claim reference: 7KQ2M9X",
    );
  });

  it("gives a rejection with lines the lines' reasons, not the claim's again; a whole-claim rejection keeps its reason", () => {
    const withLines = claimantMessage("CLAIM_REJECTED", {
      firstName: "Ada",
      claimReference: "X",
      reason: "Duplicate",
      lines: [line(1, "REJECTED", null, "Duplicate")],
    }).body;
    expect(withLines.match(/Duplicate/g)).toHaveLength(1);
    expect(
      claimantMessage("CLAIM_REJECTED", { firstName: "Ada", claimReference: "X", reason: "Duplicate", note: "Sent twice." }).body,
    ).toBe("Dear Ada,\n\nWe have not approved your claim.\nReason: Duplicate\nSent twice.\n\nClaim reference: X");
  });

  it("lists lines only in decisions", () => {
    const lines = [line(1, "REJECTED", null, "Duplicate")];
    expect(
      claimantMessage("INFORMATION_REQUESTED", { firstName: "Ada", claimReference: "X", note: "n", lines }).body,
    ).not.toContain("Line 1");
  });
});

describe("the golden cases", () => {
  it("cover every kind of claimant message by every channel", () => {
    const kinds = new Set(CLAIMANT_MESSAGE_CASES.map((c) => c.kind));
    expect([...kinds].sort()).toEqual([...CLAIMANT_MESSAGE_KINDS].sort());
    expect(new Set(claimantMessageCases().map((m) => `${m.template.split(" ")[0]} ${m.channel}`)).size).toBe(
      CLAIMANT_MESSAGE_KINDS.length * CHANNELS.length,
    );
  });
});

describe("the failed cycle payment message", () => {
  it("asks the person for new bank details, with the bank's reason and the payment's reference", () => {
    expect(
      claimantMessage("CYCLE_PAYMENT_FAILED", {
        firstName: "Ada",
        claimReference: "7KQ2M9X-202611",
        referenceLabel: "Payment reference",
        reason: "Account closed",
      }),
    ).toEqual({
      subject: "We could not make your payment: we need new bank details",
      body:
        "Dear Ada,\n\nYour bank could not accept a payment we sent you.\n" +
        "Please contact us with new bank details (the name on the account, the sort code and the account number) so we can pay you.\n" +
        "Reason given by the bank: Account closed\n\nPayment reference: 7KQ2M9X-202611",
    });
    expect(
      claimantMessage("CYCLE_PAYMENT_FAILED", { firstName: "Ada", claimReference: "X", referenceLabel: "Payment reference" })
        .body,
    ).not.toContain("Reason");
  });
});

describe("the Payout voucher message", () => {
  const data = {
    firstName: "Ada",
    reference: "7KQ2M9X-01",
    code: "K7QX2M9PLA4TZ",
    amount: "£12.50",
    expiryDate: "28 December 2026",
  };

  it("carries the code, the amount and the expiry date by text message", () => {
    const { body } = payoutVoucherMessage("SMS", data);
    for (const part of ["K7QX2M9PLA4TZ", "£12.50", "28 December 2026", "7KQ2M9X-01"]) expect(body).toContain(part);
    // One text message is 160 characters; a long one is split, but should not run to many.
    expect(body.length).toBeLessThanOrEqual(306);
  });

  it("carries the same by email, with the subject a letter shares", () => {
    expect(payoutVoucherMessage("EMAIL", data)).toEqual({
      subject: "Your payment is ready to collect at a Post Office",
      body:
        "Dear Ada,\n\nYour payment of £12.50 is ready to collect in cash at any Post Office.\n\n" +
        "Payment code: K7QX2M9PLA4TZ\nCollect it by: 28 December 2026\n\n" +
        "Show the counter this code, or the barcode on your voucher, and photo identification.\n" +
        "If you cannot collect it by 28 December 2026, contact us and we will send you a new voucher.\n\n" +
        "Payment reference: 7KQ2M9X-01",
    });
    expect(payoutVoucherMessage("LETTER", data)).toEqual(payoutVoucherMessage("EMAIL", data));
  });
});
