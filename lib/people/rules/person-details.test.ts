import { describe, expect, it } from "vitest";
import { changedPersonFields, personChangeDecisionRefusal, PERSON_CHANGE_MESSAGES, type PersonDetails } from "./person-details";
import { mergeRefusal, type MergeFacts } from "./merge-rules";
import { payoutAddressProblem } from "./payout-address-check";

const ADA: PersonDetails = {
  firstName: "Ada",
  lastName: "Lovelace",
  addressLine1: "1 High Street",
  addressLine2: null,
  town: "Leeds",
  county: "West Yorkshire",
  postcode: "LS1 1AA",
  country: "England",
};

describe("changedPersonFields", () => {
  it("lists the changed fields in form order", () => {
    expect(changedPersonFields(ADA, { ...ADA, postcode: "LS2 7EE", lastName: "King", addressLine1: "2 Park Row" })).toEqual([
      "lastName",
      "addressLine1",
      "postcode",
    ]);
  });

  it("treats a blank optional line as none, and a change of case as a change", () => {
    expect(changedPersonFields(ADA, { ...ADA, addressLine2: "  " })).toEqual([]);
    expect(changedPersonFields(ADA, { ...ADA, county: null })).toEqual(["county"]);
    expect(changedPersonFields(ADA, { ...ADA, lastName: "LOVELACE" })).toEqual(["lastName"]);
  });
});

describe("personChangeDecisionRefusal", () => {
  it("refuses the maker and a decided change, and lets anyone else decide a pending one", () => {
    expect(personChangeDecisionRefusal({ status: "PENDING", proposedById: "u1" }, "u1")).toBe(PERSON_CHANGE_MESSAGES.maker);
    expect(personChangeDecisionRefusal({ status: "APPROVED", proposedById: "u1" }, "u2")).toBe(PERSON_CHANGE_MESSAGES.decided);
    expect(personChangeDecisionRefusal({ status: "REJECTED", proposedById: "u1" }, "u2")).toBe(PERSON_CHANGE_MESSAGES.decided);
    expect(personChangeDecisionRefusal({ status: "PENDING", proposedById: "u1" }, "u2")).toBeNull();
  });
});

describe("mergeRefusal", () => {
  const party = (id: string, extra: Partial<MergeFacts["survivor"]> = {}) => ({
    id,
    reference: `REF000${id}`,
    erasedAt: null,
    mergedIntoId: null,
    ...extra,
  });
  const facts = (extra: Partial<MergeFacts> = {}): MergeFacts => ({
    survivor: party("1"),
    merged: party("2"),
    sharedPlans: [],
    mergedUnsentPayments: 0,
    mergedPendingChanges: 0,
    ...extra,
  });

  it("allows two live records with nothing in the way", () => {
    expect(mergeRefusal(facts())).toBeNull();
  });

  it.each([
    [{ merged: party("1") }, "These are the same record"],
    [{ merged: party("2", { erasedAt: new Date() }) }, "Person REF0002 was erased, so the records cannot be linked"],
    [{ survivor: party("1", { erasedAt: new Date() }) }, "Person REF0001 was erased, so the records cannot be linked"],
    [{ survivor: party("1", { mergedIntoId: "9" }) }, "Person REF0001 is already linked into another record"],
    [{ merged: party("2", { mergedIntoId: "9" }) }, "Person REF0002 is already linked into another record"],
    [
      { sharedPlans: ["Carers' allowance"] },
      "Both people are enrolled in Carers' allowance: a person has one enrolment per plan, so end and remove one first",
    ],
    [{ mergedUnsentPayments: 1 }, "Person REF0002 has a payment not yet sent: link the records once it is sent or cancelled"],
    [{ mergedUnsentPayments: 3 }, "Person REF0002 has 3 payments not yet sent: link the records once they are sent or cancelled"],
    [
      { mergedPendingChanges: 1 },
      "Person REF0002 has a change of bank details, name or address waiting for approval: decide it first",
    ],
  ] as [Partial<MergeFacts>, string][])("refuses %j", (extra, message) => {
    expect(mergeRefusal(facts(extra))).toBe(message);
  });
});

describe("payoutAddressProblem (the Payout run's own rules)", () => {
  it("passes a clean address", () => {
    expect(payoutAddressProblem(ADA)).toBeNull();
  });

  it("finds an invalid postcode and an address line with nothing left after cleaning", () => {
    expect(payoutAddressProblem({ ...ADA, postcode: "LS1" })?.reason).toBe("INVALID_POSTCODE");
    expect(payoutAddressProblem({ ...ADA, addressLine1: "★★★" })?.reason).toBe("ADDRESS_EMPTY_AFTER_CLEANING");
    expect(payoutAddressProblem({ ...ADA, lastName: "123" })?.reason).toBe("NAME_EMPTY_AFTER_CLEANING");
  });

  it("lets through what cleaning only tidies (accents, lower-case postcode)", () => {
    expect(payoutAddressProblem({ ...ADA, lastName: "Müller", postcode: "ls1 1aa" })).toBeNull();
  });
});
