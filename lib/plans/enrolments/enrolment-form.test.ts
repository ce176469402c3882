import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "../rules/attributes";
import { enrolmentFormFields, parseEnrolmentForm } from "./enrolment-form";

const TODAY = "2026-11-28";
const declared: AttributeDeclaration[] = [{ name: "Household size", type: "NUMBER" }];
const reader = (fields: Record<string, string>) => (name: string) => fields[name];

const newPerson = {
  personChoice: "NEW",
  firstName: "Ada",
  lastName: "Lovelace",
  "dateOfBirth-day": "10",
  "dateOfBirth-month": "12",
  "dateOfBirth-year": "1985",
  addressLine1: "1 High Street",
  town: "Leeds",
  postcode: "ls11aa",
  country: "England",
  contactPreference: "LETTER",
  "attr-1": "3",
  paymentMethod: "BANK",
  nameOnAccount: "A Lovelace",
  sortCode: "20-00-00",
  accountNumber: "55779911",
  "enrolledFrom-day": "1",
  "enrolledFrom-month": "12",
  "enrolledFrom-year": "2026",
};

describe("parseEnrolmentForm", () => {
  it("reads a new person with the claim rules (postcode normalised, sort code without dashes)", () => {
    const parsed = parseEnrolmentForm(reader(newPerson), declared, TODAY);
    expect(parsed).toMatchObject({
      ok: true,
      input: {
        person: { kind: "NEW", details: { firstName: "Ada", dateOfBirth: "1985-12-10", address: { postcode: "LS1 1AA" } } },
        values: { "Household size": 3 },
        paymentMethod: "BANK",
        bankDetails: { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null },
        enrolledFrom: "2026-12-01",
      },
    });
  });

  it("reads an existing person by reference, in any case, without bank details", () => {
    const parsed = parseEnrolmentForm(
      reader({ personChoice: "EXISTING", personReference: " 7kq2m9x ", paymentMethod: "CASH", ...dates("2026-12-01") }),
      declared,
      TODAY,
    );
    expect(parsed).toMatchObject({ ok: true, input: { person: { kind: "EXISTING", reference: "7KQ2M9X" }, bankDetails: null } });
  });

  it("reports every problem on its field, in the form's field names", () => {
    const parsed = parseEnrolmentForm(
      reader({
        ...newPerson,
        firstName: "",
        "dateOfBirth-day": "31",
        "dateOfBirth-month": "2",
        postcode: "nowhere",
        contactPreference: "",
        "attr-1": "many",
        accountNumber: "55779912",
        "enrolledFrom-day": "",
        "enrolledFrom-month": "",
        "enrolledFrom-year": "",
      }),
      declared,
      TODAY,
    );
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? {} : parsed.fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(
      ["firstName", "dateOfBirth-day", "postcode", "contactPreference", "attr-1", "accountNumber", "enrolledFrom-day"].sort(),
    );
    expect(errors["dateOfBirth-day"]).toEqual(["Date of birth must be a real date, like 27 3 1985"]);
    expect(errors["accountNumber"]).toEqual(["Sort code and account number do not match (failed the bank's modulus check)"]);
    expect(errors["enrolledFrom-day"]).toEqual(["Enter the date the enrolment starts"]);
    // Every field reported is one the error summary links to.
    for (const field of Object.keys(errors)) expect(enrolmentFormFields(declared)).toContain(field);
  });

  it("needs bank details for a new person paid by bank transfer, a choice of person and a method", () => {
    const { nameOnAccount: _n, sortCode: _s, accountNumber: _a, ...withoutBank } = newPerson;
    const parsed = parseEnrolmentForm(reader(withoutBank), declared, TODAY);
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: { nameOnAccount: ["Enter the bank details: they are needed for a bank transfer"] },
    });
    const nothing = parseEnrolmentForm(reader({}), declared, TODAY);
    expect(nothing.ok ? [] : Object.keys(nothing.fieldErrors)).toEqual(["personChoice", "paymentMethod", "enrolledFrom-day"]);
  });

  it("refuses a reference that is not 7 claim-alphabet characters", () => {
    const parsed = parseEnrolmentForm(
      reader({ personChoice: "EXISTING", personReference: "7KQ2M9I", paymentMethod: "CASH", ...dates("2026-12-01") }),
      declared,
      TODAY,
    );
    expect(parsed.ok ? {} : parsed.fieldErrors).toEqual({
      personReference: ["Enter the person reference: 7 letters and numbers, like 7KQ2M9X"],
    });
  });
});

function dates(iso: string) {
  const [year, month, day] = iso.split("-");
  return { "enrolledFrom-day": day, "enrolledFrom-month": month, "enrolledFrom-year": year };
}
