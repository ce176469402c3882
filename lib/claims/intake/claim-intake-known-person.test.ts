import { describe, expect, it } from "vitest";
import { isKnownPersonIntake, parseClaimIntake } from "./claim-intake-schema";
import { intakeErrors } from "./intake-errors";
import { validBody, type AnyBody } from "./test-fixtures";

const TODAY = "2026-11-15";
const VISIT = { prison: "HMP Leeds", prisonerNumber: " a1234 bc ", relationship: "Partner", visitAt: "2026-11-01T14:30:00Z" };

function body(change: (b: AnyBody) => void): AnyBody {
  const b = validBody();
  change(b);
  return b;
}

function errorsFor(b: unknown): Record<string, string[]> {
  const result = parseClaimIntake(TODAY, b);
  if (result.success) throw new Error("expected the body to be invalid");
  return intakeErrors(result.error);
}

describe("parseClaimIntake: a known person (claimant.reference)", () => {
  it("needs only the reference: no other claimant field, no bank details even for BANK", () => {
    const result = parseClaimIntake(
      TODAY,
      body((b) => {
        b.claimant = { reference: "7kq2m9x" };
        delete b.bankDetails;
      }),
    );
    expect(result.success).toBe(true);
    expect(result.data?.claimant).toEqual({ reference: "7KQ2M9X", email: null, phone: null });
    expect(result.data && isKnownPersonIntake(result.data)).toBe(true);
  });

  it("still checks the claimant fields that are sent", () => {
    expect(
      errorsFor(
        body((b) => {
          b.claimant.reference = "7KQ2M9X";
          b.claimant.address.postcode = "LS1";
          b.claimant.email = "not-an-email";
        }),
      ),
    ).toEqual({
      "claimant.address.postcode": ["Postcode must be a valid UK postcode, like LS1 1AA"],
      "claimant.email": ["Email address must be a valid email address, like name@example.com"],
    });
  });

  it.each(["7KQ2M9", "7KQ2M9XX", "7KQ2M9I", 1234567])("refuses the reference %j", (reference) => {
    expect(Object.keys(errorsFor(body((b) => (b.claimant = { reference })))).sort()).toEqual(["claimant.reference"]);
  });

  it("a null reference is a new person, whose fields are all required", () => {
    expect(errorsFor(body((b) => (b.claimant = { reference: null })))).toMatchObject({
      "claimant.firstName": ["First name is required"],
    });
  });

  it("without a reference, a new person needs bank details for BANK as before", () => {
    expect(errorsFor(body((b) => delete b.bankDetails))).toEqual({
      bankDetails: ["Bank details are required when the payment method is BANK"],
    });
    expect(isKnownPersonIntake(parseClaimIntake(TODAY, validBody()).data!)).toBe(false);
  });
});

describe("parseClaimIntake: event (visit details)", () => {
  it("is optional, and stored as sent with the prisoner number upper-cased without spaces", () => {
    expect(parseClaimIntake(TODAY, validBody()).data?.event).toBeUndefined();
    const result = parseClaimIntake(
      TODAY,
      body((b) => (b.event = { ...VISIT })),
    );
    expect(result.data?.event).toEqual({ ...VISIT, prisonerNumber: "A1234BC" });
  });

  it("accepts an offset other than Z", () => {
    expect(
      parseClaimIntake(
        TODAY,
        body((b) => (b.event = { ...VISIT, visitAt: "2026-11-01T14:30:00+01:00" })),
      ).success,
    ).toBe(true);
  });

  it("names each problem", () => {
    expect(
      errorsFor(body((b) => (b.event = { prison: "", prisonerNumber: "A1234-BC", relationship: 3, visitAt: "2026-11-01" }))),
    ).toEqual({
      "event.prison": ["Prison is required"],
      "event.prisonerNumber": ["Prisoner number may only contain letters and numbers, like A1234BC"],
      "event.relationship": ["Relationship to the prisoner must be text"],
      "event.visitAt": ["Visit date and time must be a date and time with its offset, like 2026-11-01T14:30:00Z"],
    });
  });

  it("refuses a visit in the future, a prisoner number over 20 characters and unknown fields", () => {
    expect(errorsFor(body((b) => (b.event = { ...VISIT, visitAt: "2026-11-16T09:00:00Z" })))).toEqual({
      "event.visitAt": ["Visit date cannot be in the future"],
    });
    expect(errorsFor(body((b) => (b.event = { ...VISIT, prisonerNumber: "A".repeat(21) })))).toEqual({
      "event.prisonerNumber": ["Prisoner number must be 20 characters or fewer"],
    });
    expect(errorsFor(body((b) => (b.event = { ...VISIT, cell: "B2" })))).toEqual({
      event: ['Event has an unknown field: "cell"'],
    });
  });

  it("refuses hidden characters in the prison's name", () => {
    expect(errorsFor(body((b) => (b.event = { ...VISIT, prison: "HMP\u202ELeeds" })))).toEqual({
      "event.prison": ["Prison must not contain hidden or direction-changing characters"],
    });
  });
});
