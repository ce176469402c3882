import { describe, expect, it } from "vitest";
import { claimantMessage, payoutVoucherMessage, recipientFor, type ContactDetails } from "./claimant-messages";

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
