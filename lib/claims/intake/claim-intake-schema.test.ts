import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { checkBankAccount } from "@/lib/bank-details/modulus";
import { MODULUS_FAILURE_MESSAGE } from "./bank-details-schema";
import {
  CONTACT_PREFERENCES,
  EXPENSE_TYPES,
  PAYMENT_METHODS,
  claimIntakeSchema,
  normalisePostcode,
  type ClaimIntake,
} from "./claim-intake-schema";
import { intakeErrors } from "./intake-errors";
import { MODULUS_FAILING, SPEC_EXAMPLE, validBody, type AnyBody } from "./test-fixtures";

const TODAY = "2026-11-15";
const schema = claimIntakeSchema(TODAY);

function parse(body: unknown) {
  return schema.safeParse(body);
}

function errorsFor(body: unknown): Record<string, string[]> {
  const result = parse(body);
  if (result.success) throw new Error("expected the body to be invalid");
  return intakeErrors(result.error);
}

function withBody(change: (b: AnyBody) => void): AnyBody {
  const body = validBody();
  change(body);
  return body;
}

function paths(body: unknown): string[] {
  return Object.keys(errorsFor(body)).sort();
}

describe("claimIntakeSchema: valid bodies", () => {
  it("accepts the example from domain.md", () => {
    const result = parse(SPEC_EXAMPLE);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(SPEC_EXAMPLE);
  });

  it("the domain.md example bank details pass the modulus check", () => {
    expect(checkBankAccount("200000", "55779911")).toEqual({ valid: true });
  });

  it("normalises sort code, account number and postcode", () => {
    const result = parse(
      withBody((b) => {
        b.bankDetails.sortCode = "20-00-00";
        b.bankDetails.accountNumber = "5577 9911";
        b.claimant.address.postcode = " ls11aa ";
      }),
    );
    expect(result.success).toBe(true);
    expect(result.data?.bankDetails).toMatchObject({ sortCode: "200000", accountNumber: "55779911" });
    expect(result.data?.claimant.address.postcode).toBe("LS1 1AA");
  });

  it("trims names", () => {
    const result = parse(withBody((b) => (b.claimant.firstName = "  Ada  ")));
    expect(result.data?.claimant.firstName).toBe("Ada");
  });

  it("treats absent or blank optional fields as null", () => {
    const result = parse(
      withBody((b) => {
        delete b.claimant.email;
        b.claimant.phone = "  ";
        b.claimant.contactPreference = "LETTER";
        delete b.claimant.address.line2;
        b.claimant.address.county = "";
        delete b.bankDetails.rollNumber;
      }),
    );
    expect(result.success).toBe(true);
    expect(result.data?.claimant).toMatchObject({ email: null, phone: null });
    expect(result.data?.claimant.address).toMatchObject({ line2: null, county: null });
    expect(result.data?.bankDetails?.rollNumber).toBeNull();
  });

  it("accepts CASH without bank details", () => {
    const result = parse(
      withBody((b) => {
        b.paymentMethod = "CASH";
        delete b.bankDetails;
      }),
    );
    expect(result.success).toBe(true);
    expect(result.data?.bankDetails).toBeNull();
  });

  it("accepts SMS with a +44 phone number, a roll number, an event today and 20 expense lines", () => {
    const result = parse(
      withBody((b) => {
        b.claimant.contactPreference = "SMS";
        b.claimant.email = null;
        b.claimant.phone = "+44 7700 900123";
        b.bankDetails.rollNumber = "A/123-45.6 & B";
        b.eventDate = TODAY;
        b.expenses = Array.from({ length: 20 }, () => ({ type: "BUS", description: "Bus", amountPence: 10_000_000 }));
      }),
    );
    expect(result.success).toBe(true);
  });

  it("has the parsed type the route needs", () => {
    expectTypeOf<ClaimIntake["claimant"]["email"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ClaimIntake["claimant"]["address"]["line2"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ClaimIntake["claimant"]["contactPreference"]>().toEqualTypeOf<"EMAIL" | "SMS" | "LETTER">();
    expectTypeOf<ClaimIntake["bankDetails"]>().toEqualTypeOf<{
      nameOnAccount: string;
      sortCode: string;
      accountNumber: string;
      rollNumber: string | null;
    } | null>();
    expectTypeOf<ClaimIntake["expenses"][number]["amountPence"]>().toEqualTypeOf<number>();
  });

  it("rejects a malformed today (a programming error, not a 400)", () => {
    expect(() => claimIntakeSchema("15/11/2026")).toThrow(/today/);
  });
});

describe("claimIntakeSchema: missing required fields", () => {
  it("missing first name", () => {
    expect(errorsFor(withBody((b) => delete b.claimant.firstName))).toEqual({
      "claimant.firstName": ["First name is required"],
    });
  });

  it("blank last name", () => {
    expect(errorsFor(withBody((b) => (b.claimant.lastName = "   ")))).toEqual({
      "claimant.lastName": ["Last name is required"],
    });
  });

  it("missing claimant, eventDate, paymentMethod and expenses are all reported", () => {
    expect(paths({})).toEqual(["claimant", "eventDate", "expenses", "paymentMethod"]);
  });

  it("missing address fields", () => {
    expect(
      paths(
        withBody((b) => {
          delete b.claimant.address.line1;
          delete b.claimant.address.town;
          delete b.claimant.address.postcode;
          delete b.claimant.address.country;
        }),
      ),
    ).toEqual(["claimant.address.country", "claimant.address.line1", "claimant.address.postcode", "claimant.address.town"]);
  });

  it("missing expense description", () => {
    expect(paths(withBody((b) => delete b.expenses[0].description))).toEqual(["expenses.0.description"]);
  });
});

describe("claimIntakeSchema: wrong types and lengths", () => {
  it("a number where text is expected", () => {
    expect(errorsFor(withBody((b) => (b.claimant.firstName = 42)))).toEqual({
      "claimant.firstName": ["First name must be text"],
    });
  });

  it("a string amount", () => {
    expect(errorsFor(withBody((b) => (b.expenses[0].amountPence = "1240")))).toEqual({
      "expenses.0.amountPence": ["Amount must be a number of pence"],
    });
  });

  it("a body that is not an object", () => {
    expect(paths([])).toEqual(["body"]);
    expect(paths(null)).toEqual(["body"]);
  });

  it("expenses not a list", () => {
    expect(paths(withBody((b) => (b.expenses = { type: "BUS" })))).toEqual(["expenses"]);
  });

  it("a 101-character last name", () => {
    expect(errorsFor(withBody((b) => (b.claimant.lastName = "x".repeat(101))))).toEqual({
      "claimant.lastName": ["Last name must be 100 characters or fewer"],
    });
  });

  it("an empty or 201-character expense description", () => {
    expect(paths(withBody((b) => (b.expenses[0].description = "")))).toEqual(["expenses.0.description"]);
    expect(paths(withBody((b) => (b.expenses[0].description = "x".repeat(201))))).toEqual(["expenses.0.description"]);
  });
});

describe("claimIntakeSchema: dates", () => {
  it.each(["1985-02-30", "2023-02-29", "10/12/1985", "1985-12-1", ""])("date of birth %j is not a real YYYY-MM-DD date", (d) => {
    expect(errorsFor(withBody((b) => (b.claimant.dateOfBirth = d)))).toEqual({
      "claimant.dateOfBirth": ["Date of birth must be a real date written YYYY-MM-DD"],
    });
  });

  it("date of birth today or later", () => {
    expect(errorsFor(withBody((b) => (b.claimant.dateOfBirth = TODAY)))).toEqual({
      "claimant.dateOfBirth": ["Date of birth must be in the past"],
    });
    expect(paths(withBody((b) => (b.claimant.dateOfBirth = "2030-01-01")))).toEqual(["claimant.dateOfBirth"]);
  });

  it("event date not a real date", () => {
    expect(paths(withBody((b) => (b.eventDate = "2026-13-01")))).toEqual(["eventDate"]);
  });

  it("event date in the future", () => {
    expect(errorsFor(withBody((b) => (b.eventDate = "2026-11-16")))).toEqual({
      eventDate: ["Event date cannot be in the future"],
    });
  });
});

describe("claimIntakeSchema: enums", () => {
  it("unknown contact preference", () => {
    expect(errorsFor(withBody((b) => (b.claimant.contactPreference = "FAX")))).toEqual({
      "claimant.contactPreference": ["Contact preference must be EMAIL, SMS or LETTER"],
    });
  });

  it("unknown payment method", () => {
    expect(errorsFor(withBody((b) => (b.paymentMethod = "CHEQUE")))).toEqual({
      paymentMethod: ["Payment method must be BANK or CASH"],
    });
  });

  it("unknown expense type (enums are case-sensitive)", () => {
    expect(paths(withBody((b) => (b.expenses[0].type = "PLANE")))).toEqual(["expenses.0.type"]);
    expect(paths(withBody((b) => (b.expenses[0].type = "train")))).toEqual(["expenses.0.type"]);
  });

  it("stay in step with the Prisma enums", () => {
    const prisma = readFileSync(new URL("../../../prisma/schema.prisma", import.meta.url), "utf8");
    const values = (name: string) =>
      prisma
        .match(new RegExp(`enum ${name} \\{([^}]*)\\}`))?.[1]
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    expect(values("ContactPreference")).toEqual([...CONTACT_PREFERENCES]);
    expect(values("PaymentMethod")).toEqual([...PAYMENT_METHODS]);
    expect(values("ExpenseType")).toEqual([...EXPENSE_TYPES]);
  });
});

describe("claimIntakeSchema: contact details", () => {
  it.each([null, "", undefined])("EMAIL preference with email %j", (email) => {
    expect(
      errorsFor(
        withBody((b) => {
          if (email === undefined) delete b.claimant.email;
          else b.claimant.email = email;
        }),
      ),
    ).toEqual({ "claimant.email": ["Email address is required when the contact preference is EMAIL"] });
  });

  it("SMS preference without a phone", () => {
    expect(
      errorsFor(
        withBody((b) => {
          b.claimant.contactPreference = "SMS";
          b.claimant.phone = null;
        }),
      ),
    ).toEqual({ "claimant.phone": ["Phone number is required when the contact preference is SMS"] });
  });

  it("LETTER preference without an address", () => {
    expect(
      errorsFor(
        withBody((b) => {
          b.claimant.contactPreference = "LETTER";
          delete b.claimant.address;
        }),
      ),
    ).toEqual({ "claimant.address": ["Address is required"] });
  });

  it("an invalid email is reported once, as invalid", () => {
    expect(errorsFor(withBody((b) => (b.claimant.email = "not-an-email")))).toEqual({
      "claimant.email": ["Email address must be a valid email address, like name@example.com"],
    });
  });

  it.each([
    ["0770090012a", "Phone number may only contain digits and spaces, with an optional +44 at the start"],
    ["07700-900123", "Phone number may only contain digits and spaces, with an optional +44 at the start"],
    ["077009001", "Phone number must have 10 to 13 digits"],
    ["+44 7700 900123 4567", "Phone number must have 10 to 13 digits"],
  ])("phone %j", (phone, message) => {
    expect(errorsFor(withBody((b) => (b.claimant.phone = phone)))).toEqual({ "claimant.phone": [message] });
  });

  it.each(["LS1", "12345", "LS1 1A", "LSS1 1AA1"])("postcode %j", (postcode) => {
    expect(errorsFor(withBody((b) => (b.claimant.address.postcode = postcode)))).toEqual({
      "claimant.address.postcode": ["Postcode must be a valid UK postcode, like LS1 1AA"],
    });
  });

  it("normalisePostcode", () => {
    expect(normalisePostcode("sw1a2aa")).toBe("SW1A 2AA");
    expect(normalisePostcode(" m1   1ae ")).toBe("M1 1AE");
  });
});

describe("claimIntakeSchema: bank details", () => {
  it.each([undefined, null])("BANK with bank details %j", (bankDetails) => {
    expect(
      errorsFor(
        withBody((b) => {
          if (bankDetails === undefined) delete b.bankDetails;
          else b.bankDetails = bankDetails;
        }),
      ),
    ).toEqual({ bankDetails: ["Bank details are required when the payment method is BANK"] });
  });

  it.each(["20000", "2000000", "20-00-0a"])("sort code %j: format error only, no modulus error", (sortCode) => {
    expect(errorsFor(withBody((b) => (b.bankDetails.sortCode = sortCode)))).toEqual({
      "bankDetails.sortCode": ["Sort code must be 6 digits, like 20-00-00"],
    });
  });

  it.each(["5577991", "557799110", "5577991X"])("account number %j: format error only", (accountNumber) => {
    expect(errorsFor(withBody((b) => (b.bankDetails.accountNumber = accountNumber)))).toEqual({
      "bankDetails.accountNumber": ["Account number must be 8 digits"],
    });
  });

  it("a pair failing the modulus check is an error on bankDetails.accountNumber", () => {
    expect(checkBankAccount(MODULUS_FAILING.sortCode, MODULUS_FAILING.accountNumber).reason).toBe("MODULUS");
    expect(errorsFor(withBody((b) => Object.assign(b.bankDetails, MODULUS_FAILING)))).toEqual({
      "bankDetails.accountNumber": [MODULUS_FAILURE_MESSAGE],
    });
  });

  it("the modulus failure is still reported alongside other bank-detail errors", () => {
    expect(
      paths(
        withBody((b) => {
          Object.assign(b.bankDetails, MODULUS_FAILING);
          b.bankDetails.nameOnAccount = "";
        }),
      ),
    ).toEqual(["bankDetails.accountNumber", "bankDetails.nameOnAccount"]);
  });

  it("the modulus check applies to CASH claims that send bank details too", () => {
    expect(
      paths(
        withBody((b) => {
          b.paymentMethod = "CASH";
          Object.assign(b.bankDetails, MODULUS_FAILING);
        }),
      ),
    ).toEqual(["bankDetails.accountNumber"]);
  });

  it("roll number with characters Bacs does not allow", () => {
    expect(errorsFor(withBody((b) => (b.bankDetails.rollNumber = "ROLL#1")))).toEqual({
      "bankDetails.rollNumber": ["Roll number may only contain letters, numbers, spaces and . & / -"],
    });
  });

  it("roll number over 18 characters", () => {
    expect(errorsFor(withBody((b) => (b.bankDetails.rollNumber = "A".repeat(19))))).toEqual({
      "bankDetails.rollNumber": ["Roll number must be 18 characters or fewer"],
    });
  });

  it("name on account missing or over 70 characters", () => {
    expect(paths(withBody((b) => delete b.bankDetails.nameOnAccount))).toEqual(["bankDetails.nameOnAccount"]);
    expect(paths(withBody((b) => (b.bankDetails.nameOnAccount = "x".repeat(71))))).toEqual(["bankDetails.nameOnAccount"]);
    expect(parse(withBody((b) => (b.bankDetails.nameOnAccount = "x".repeat(70)))).success).toBe(true);
  });

  it("bank details that are not an object", () => {
    expect(errorsFor(withBody((b) => (b.bankDetails = "200000 55779911")))).toEqual({
      bankDetails: ["Bank details must be an object"],
    });
  });
});

describe("claimIntakeSchema: expenses", () => {
  it("0 lines", () => {
    expect(errorsFor(withBody((b) => (b.expenses = [])))).toEqual({ expenses: ["Add at least 1 expense"] });
  });

  it("21 lines", () => {
    expect(errorsFor(withBody((b) => (b.expenses = Array.from({ length: 21 }, () => b.expenses[0]))))).toEqual({
      expenses: ["A claim can have at most 20 expenses"],
    });
  });

  it.each([
    [12.5, "Amount must be a whole number of pence"],
    [0, "Amount must be more than 0 pence"],
    [-100, "Amount must be more than 0 pence"],
    [10_000_001, "Amount must be 10000000 pence (£100000) or less"],
  ])("amount %j", (amountPence, message) => {
    expect(errorsFor(withBody((b) => (b.expenses[0].amountPence = amountPence)))).toEqual({
      "expenses.0.amountPence": [message],
    });
  });

  it("reports the index of the bad line", () => {
    const body = withBody((b) => b.expenses.push({ type: "BUS", description: "Bus", amountPence: -1 }));
    expect(paths(body)).toEqual(["expenses.1.amountPence"]);
  });
});

describe("claimIntakeSchema: unknown keys", () => {
  it("an unknown top-level key is a root error naming the key", () => {
    expect(errorsFor(withBody((b) => (b.paymentMethd = "BANK")))).toEqual({
      body: ['Request body has an unknown field: "paymentMethd"'],
    });
  });

  it("unknown keys inside nested objects are reported on that object", () => {
    expect(
      paths(
        withBody((b) => {
          b.claimant.middleName = "Augusta";
          b.claimant.address.postCode = "LS1 1AA";
          b.bankDetails.iban = "GB00";
          b.expenses[0].amount = 1;
        }),
      ),
    ).toEqual(["bankDetails", "claimant", "claimant.address", "expenses.0"]);
  });
});

describe("claimIntakeSchema: many problems at once", () => {
  it("reports every invalid field in one answer", () => {
    expect(
      paths(
        withBody((b) => {
          b.claimant.firstName = "";
          b.claimant.email = null;
          b.claimant.address.postcode = "nope";
          b.eventDate = "2027-01-01";
          Object.assign(b.bankDetails, MODULUS_FAILING);
          b.expenses[0].amountPence = 0;
        }),
      ),
    ).toEqual([
      "bankDetails.accountNumber",
      "claimant.address.postcode",
      "claimant.email",
      "claimant.firstName",
      "eventDate",
      "expenses.0.amountPence",
    ]);
  });
});
