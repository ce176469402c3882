import { describe, expect, it } from "vitest";
import { MODULUS_FAILURE_MESSAGE } from "./bank-details-schema";
import { claimResponseSchema } from "./claim-response-schema";
import { intakeErrors } from "./intake-errors";
import { MODULUS_FAILING } from "./test-fixtures";

const BANK = { nameOnAccount: "A Lovelace", sortCode: "20-00-00", accountNumber: "55779911", rollNumber: null };

function errorsFor(body: unknown): Record<string, string[]> {
  const result = claimResponseSchema.safeParse(body);
  if (result.success) throw new Error("expected the body to be invalid");
  return intakeErrors(result.error);
}

describe("claimResponseSchema", () => {
  it("accepts a message alone", () => {
    expect(claimResponseSchema.parse({ message: " My ticket is attached. " })).toEqual({
      message: "My ticket is attached.",
      bankDetails: null,
    });
  });

  it("accepts a message with bank details, normalised", () => {
    expect(claimResponseSchema.parse({ message: "New account", bankDetails: BANK }).bankDetails).toEqual({
      ...BANK,
      sortCode: "200000",
    });
  });

  it("message missing, empty or over 2000 characters", () => {
    expect(errorsFor({})).toEqual({ message: ["Message is required"] });
    expect(errorsFor({ message: "  " })).toEqual({ message: ["Message is required"] });
    expect(errorsFor({ message: "x".repeat(2001) })).toEqual({ message: ["Message must be 2000 characters or fewer"] });
    expect(claimResponseSchema.safeParse({ message: "x".repeat(2000) }).success).toBe(true);
  });

  it("bank details failing the modulus check", () => {
    expect(errorsFor({ message: "New account", bankDetails: { ...BANK, ...MODULUS_FAILING } })).toEqual({
      "bankDetails.accountNumber": [MODULUS_FAILURE_MESSAGE],
    });
  });

  it("bank details missing a sort code", () => {
    const { sortCode: _omit, ...rest } = BANK;
    expect(errorsFor({ message: "New account", bankDetails: rest })).toEqual({
      "bankDetails.sortCode": ["Sort code is required"],
    });
  });

  it("an unknown key", () => {
    expect(errorsFor({ message: "Hi", reference: "7KQ2M9X" })).toEqual({
      body: ['Request body has an unknown field: "reference"'],
    });
  });
});
