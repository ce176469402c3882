import { describe, expect, it } from "vitest";
import { validateClaimRejection, validateInformationRequest } from "./information-request";

describe("validateInformationRequest", () => {
  it.each(["GENERAL", "BANK_DETAILS"] as const)("accepts kind %s with a trimmed note", (kind) => {
    expect(validateInformationRequest({ kind, note: "  Please send your receipts  " })).toEqual({
      ok: true,
      request: { kind, note: "Please send your receipts" },
    });
  });

  it("requires a kind from the list and a note", () => {
    expect(validateInformationRequest({ kind: null, note: "" })).toEqual({
      ok: false,
      errors: {
        kind: "Choose what information to request",
        note: "Enter a note saying what information the claimant needs to send",
      },
    });
    expect(validateInformationRequest({ kind: "PHOTO", note: "x" })).toEqual({
      ok: false,
      errors: { kind: "Choose what information to request" },
    });
  });

  it("limits the note to 2000 characters", () => {
    expect(validateInformationRequest({ kind: "GENERAL", note: "x".repeat(2000) })).toMatchObject({ ok: true });
    expect(validateInformationRequest({ kind: "GENERAL", note: "x".repeat(2001) })).toEqual({
      ok: false,
      errors: { note: "The note must be 2000 characters or fewer" },
    });
  });
});

describe("validateClaimRejection", () => {
  it("accepts a listed reason with a note", () => {
    expect(validateClaimRejection({ reason: "OUTSIDE_TIME_LIMIT", note: "Claimed 14 months after the visit" })).toEqual({
      ok: true,
      rejection: { reason: "OUTSIDE_TIME_LIMIT", note: "Claimed 14 months after the visit" },
    });
  });

  it("requires a reason and a note", () => {
    expect(validateClaimRejection({ reason: undefined, note: "  " })).toEqual({
      ok: false,
      errors: {
        rejectionReason: "Choose a reason for rejecting the claim",
        note: "Enter a note explaining why the claim is rejected",
      },
    });
  });

  it("refuses a reason not on the list and a 2001-character note", () => {
    expect(validateClaimRejection({ reason: "not_eligible", note: "y".repeat(2001) })).toEqual({
      ok: false,
      errors: { rejectionReason: "Choose a reason from the list", note: "The note must be 2000 characters or fewer" },
    });
  });
});
