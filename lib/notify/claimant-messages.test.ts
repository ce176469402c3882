import { describe, expect, it } from "vitest";
import { claimantMessage, recipientFor, type ContactDetails } from "./claimant-messages";

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
