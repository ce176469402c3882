import { describe, expect, it } from "vitest";
import { bankDetailsDigester } from "./bank-details-digest";
import { renderEnrolmentError, type RecordErrorFacts } from "./render-enrolment-error";

const facts = (more: Partial<RecordErrorFacts>): RecordErrorFacts => ({ reference: "7KQ2M9X", plan: "WINTER", ...more });

describe("renderEnrolmentError", () => {
  it("words each disagreement with the record, naming the column to correct", () => {
    expect(renderEnrolmentError("not-this-person", facts({ columns: ["Last Name"] }), 4)).toBe(
      "Line 4: Last Name differs from those of person 7KQ2M9X: check the Person Reference",
    );
    expect(renderEnrolmentError("person-differs", facts({ columns: ["Town", "Postcode", "Email"] }), 5)).toBe(
      "Line 5: Town, Postcode and Email differ from what is on record for 7KQ2M9X: a file does not change a person's details, so leave them blank or as on record",
    );
    expect(renderEnrolmentError("existing-person", facts({ reference: null, lookalike: null }), 6)).toBe(
      "Line 6: someone on record has the same First Name, Last Name, Date of Birth and Postcode: give their Person Reference",
    );
    expect(renderEnrolmentError("ended", facts({ ended: "2026-08-31" }), 7)).toBe(
      "Line 7: the enrolment of 7KQ2M9X in WINTER ended on 31 August 2026: a file cannot change an ended enrolment",
    );
    expect(renderEnrolmentError("method-waiting", facts({ method: "CASH", pending: "BANK" }), 8)).toBe(
      "Line 8: Payment Method CASH (cash at a Post Office) is the method in force, but a change to BANK (bank transfer) waits for a second plan manager: have it decided first",
    );
    expect(renderEnrolmentError("bank-waiting", facts({}), 9)).toBe(
      "Line 9: the bank details are those on record for 7KQ2M9X, but new ones wait for a second plan manager: have them decided first",
    );
  });
});

describe("bankDetailsDigester", () => {
  const details = { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null };
  it("gives equal details equal digests under one key, and different ones otherwise", () => {
    const digest = bankDetailsDigester(Buffer.alloc(32, 1));
    expect(digest({ ...details })).toBe(digest(details));
    expect(digest({ ...details, nameOnAccount: "A LOVELACE" })).not.toBe(digest(details));
    expect(digest({ ...details, rollNumber: "R1" })).not.toBe(digest(details));
    expect(bankDetailsDigester(Buffer.alloc(32, 2))(details)).not.toBe(digest(details));
    expect(digest(details)).toMatch(/^[0-9a-f]{32}$/);
  });
});
