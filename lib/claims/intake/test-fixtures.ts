// The example body from docs/domain.md#submitting-a-claim, for tests.
export const SPEC_EXAMPLE = {
  claimant: {
    firstName: "Ada",
    lastName: "Lovelace",
    dateOfBirth: "1985-12-10",
    email: "ada@example.com",
    phone: "07700900123",
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
  expenses: [{ type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 1240 }],
};

// Loosely typed so tests can break any field.
export type AnyBody = any;

export function validBody(): AnyBody {
  return structuredClone(SPEC_EXAMPLE);
}

/** A pair that fails the modulus check (Vocalink's valid 089999 66374958 with the last digit changed). */
export const MODULUS_FAILING = { sortCode: "089999", accountNumber: "66374959" };
