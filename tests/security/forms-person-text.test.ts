// The forms where staff write a person down (keying in a claim, enrolling a beneficiary, their bank
// details) refuse hidden and direction-changing characters in names and addresses as the intake
// API does, each on the form's own field. No database.
import { describe, expect, it } from "vitest";
import { keyInClaimFromForm } from "@/app/(portal)/claims/new/key-in-claim-schema";
import { parseBankDetailsFields, parseEnrolmentForm } from "@/lib/plans/enrolments/enrolment-form";

const TODAY = "2026-11-15";

describe("the staff forms", () => {
  it("the key-in form reports it on the field", () => {
    const form: Record<string, string> = {
      firstName: "Ada\u202E",
      lastName: "Lovelace",
      "dateOfBirth-day": "10",
      "dateOfBirth-month": "12",
      "dateOfBirth-year": "1985",
      addressLine1: "1 High\u200B Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
      "eventDate-day": "1",
      "eventDate-month": "11",
      "eventDate-year": "2026",
      "expense-1-type": "BUS",
      "expense-1-description": "Bus",
      "expense-1-amount": "2.00",
      paymentMethod: "CASH",
    };
    expect(keyInClaimFromForm(form, TODAY)).toEqual({
      ok: false,
      fieldErrors: {
        firstName: ["First name must not contain hidden or direction-changing characters"],
        addressLine1: ["Address line 1 must not contain hidden or direction-changing characters"],
      },
    });
  });

  it("the enrolment form reports it on the field, bank details included", () => {
    const fields: Record<string, string> = {
      personChoice: "NEW",
      firstName: "Ada",
      lastName: "Love\u2067lace",
      "dateOfBirth-day": "10",
      "dateOfBirth-month": "12",
      "dateOfBirth-year": "1985",
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
      paymentMethod: "CASH",
      "enrolledFrom-day": "1",
      "enrolledFrom-month": "12",
      "enrolledFrom-year": "2026",
    };
    expect(parseEnrolmentForm((name) => fields[name], [], TODAY)).toEqual({
      ok: false,
      fieldErrors: { lastName: ["Last name must not contain hidden or direction-changing characters"] },
    });
    const bank: Record<string, string> = { nameOnAccount: "A\uFEFF Lovelace", sortCode: "200000", accountNumber: "55779911" };
    expect(parseBankDetailsFields((name) => bank[name])).toEqual({
      ok: false,
      fieldErrors: { nameOnAccount: ["Name on the account must not contain hidden or direction-changing characters"] },
    });
  });
});
