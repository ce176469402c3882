import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keyInClaimFromForm, keyInClaimSchema, type KeyInFormFields } from "@/app/(portal)/claims/new/key-in-claim-schema";
import { KEY_IN_FIELDS } from "@/app/(portal)/claims/new/key-in-fields";
import { MODULUS_FAILURE_MESSAGE } from "@/lib/claims/intake/bank-details-schema";
import { MODULUS_FAILING } from "@/lib/claims/intake/test-fixtures";

const TODAY = "2026-11-22";

function validForm(): KeyInFormFields {
  return {
    firstName: " Ada ",
    lastName: "Lovelace",
    "dateOfBirth-day": "10",
    "dateOfBirth-month": "12",
    "dateOfBirth-year": "1985",
    addressLine1: "1 High Street",
    addressLine2: "",
    town: "Leeds",
    county: "West Yorkshire",
    postcode: "ls11aa",
    country: "England",
    contactPreference: "EMAIL",
    email: "ada@example.com",
    phone: "",
    "eventDate-day": "1",
    "eventDate-month": "11",
    "eventDate-year": "2026",
    "expense-1-type": "",
    "expense-1-description": "",
    "expense-1-amount": "",
    "expense-2-type": "TRAIN",
    "expense-2-description": "Leeds to Wakefield return",
    "expense-2-amount": "12.40",
    "expense-3-type": "",
    "expense-3-description": "",
    "expense-3-amount": "",
    "expense-4-type": "TAXI",
    "expense-4-description": "Station to hospital",
    "expense-4-amount": "£1,008",
    paymentMethod: "BANK",
    nameOnAccount: "A Lovelace",
    sortCode: "20-00-00",
    accountNumber: "55779911",
    rollNumber: "",
  };
}

function errorsFor(change: (f: KeyInFormFields) => void): Record<string, string[]> {
  const form = validForm();
  change(form);
  const result = keyInClaimFromForm(form, TODAY);
  if (result.ok) throw new Error("expected the form to be invalid");
  return result.fieldErrors;
}

describe("key-in form -> claim intake", () => {
  it("builds the same intake the API takes: pounds to pence, day/month/year to a date, blank expense rows skipped", () => {
    const result = keyInClaimFromForm(validForm(), TODAY);
    expect(result).toEqual({
      ok: true,
      intake: {
        claimant: {
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1985-12-10",
          email: "ada@example.com",
          phone: null,
          address: {
            line1: "1 High Street",
            line2: null,
            town: "Leeds",
            county: "West Yorkshire",
            postcode: "LS1 1AA",
            country: "England",
          },
          contactPreference: "EMAIL",
        },
        eventDate: "2026-11-01",
        paymentMethod: "BANK",
        bankDetails: { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "55779911", rollNumber: null },
        expenses: [
          { type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 1240 },
          { type: "TAXI", description: "Station to hospital", amountPence: 100800 },
        ],
      },
    });
  });

  it("takes cash without bank details", () => {
    const form = validForm();
    Object.assign(form, { paymentMethod: "CASH", nameOnAccount: "", sortCode: "", accountNumber: "" });
    const result = keyInClaimFromForm(form, TODAY);
    expect(result.ok && result.intake.bankDetails).toBeNull();
  });

  it("an empty form reports every required field, each on its own form field", () => {
    const result = keyInClaimFromForm({}, TODAY);
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(
      [
        "firstName",
        "lastName",
        "dateOfBirth-day",
        "addressLine1",
        "town",
        "postcode",
        "country",
        "contactPreference",
        "eventDate-day",
        "expense-1-type",
        "paymentMethod",
      ].sort(),
    );
    expect(errors["expense-1-type"]).toEqual(["Add at least 1 expense"]);
    expect(errors.contactPreference).toEqual(["Choose how the claimant wants us to contact them"]);
    expect(errors["dateOfBirth-day"]).toEqual(["Date of birth is required"]);
    // Every key links to a field the form has.
    for (const key of Object.keys(errors)) expect(KEY_IN_FIELDS).toContain(key);
  });

  it("maps errors on expense lines back to the slot they were typed in", () => {
    expect(
      errorsFor((f) => {
        f["expense-2-amount"] = "12.345";
        f["expense-4-description"] = "";
      }),
    ).toEqual({
      "expense-2-amount": ["Enter the amount in pounds and pence, like 12.40"],
      "expense-4-description": ["Expense description is required"],
    });
    expect(errorsFor((f) => (f["expense-5-amount"] = "3"))).toEqual({
      "expense-5-type": ["Expense type is required"],
      "expense-5-description": ["Expense description is required"],
    });
    expect(errorsFor((f) => (f["expense-2-amount"] = "0"))).toEqual({ "expense-2-amount": ["Amount must be more than £0"] });
  });

  it("dates: an impossible date, a future event", () => {
    expect(
      errorsFor((f) => {
        f["dateOfBirth-day"] = "31";
        f["dateOfBirth-month"] = "2";
      }),
    ).toEqual({
      "dateOfBirth-day": ["Date of birth must be a real date"],
    });
    expect(errorsFor((f) => (f["dateOfBirth-year"] = "85"))).toEqual({
      "dateOfBirth-day": ["Date of birth must be a real date"],
    });
    expect(errorsFor((f) => (f["eventDate-day"] = "23"))).toEqual({ "eventDate-day": ["Event date cannot be in the future"] });
  });

  it("contact and bank details", () => {
    expect(errorsFor((f) => (f.email = ""))).toEqual({
      email: ["Email address is required when the contact preference is EMAIL"],
    });
    expect(errorsFor((f) => Object.assign(f, { nameOnAccount: "", sortCode: "", accountNumber: "" }))).toEqual({
      nameOnAccount: ["Name on the account is required"],
      sortCode: ["Sort code is required"],
      accountNumber: ["Account number is required"],
    });
    expect(errorsFor((f) => Object.assign(f, MODULUS_FAILING))).toEqual({ accountNumber: [MODULUS_FAILURE_MESSAGE] });
  });

  it("works as defineAction's schema: issues keyed by form field", () => {
    const parsed = keyInClaimSchema.safeParse({ ...validForm(), postcode: "nope" });
    expect(parsed.success).toBe(false);
    expect(z.flattenError(parsed.error!).fieldErrors).toEqual({
      postcode: ["Postcode must be a valid UK postcode, like LS1 1AA"],
    });
    expect(keyInClaimSchema.safeParse(validForm()).success).toBe(true);
  });
});
