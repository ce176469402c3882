import { describe, expect, it } from "vitest";
import { describeBankDetailsProblem } from "@/lib/bank-details/payable-bank-details";
import { REISSUE_MESSAGES, reissueProblem, type ReissueFacts } from "./reissue";

const FAILED_AT = new Date("2026-11-23T09:00:00Z");

const facts = (more: Partial<ReissueFacts> = {}): ReissueFacts => ({
  claimStatus: "INFORMATION_REQUESTED",
  informationRequestKind: "BANK_DETAILS",
  failedPayment: { status: "FAILED", failedAt: FAILED_AT, replacedBy: false },
  hasLivePayment: false,
  hasPendingBankDetailsChange: false,
  bankDetailsApprovedAt: new Date("2026-11-24T09:00:00Z"),
  bankDetailsProblem: null,
  ...more,
});

describe("reissueProblem", () => {
  it.each([
    ["INFORMATION_REQUESTED", "BANK_DETAILS"],
    ["UPDATED", null],
    ["APPROVED", null],
  ] as const)(
    "allows a reissue on a %s claim once new details are approved after the failure",
    (claimStatus, informationRequestKind) => {
      expect(reissueProblem(facts({ claimStatus, informationRequestKind }))).toBeNull();
    },
  );

  it.each(["SENT", "PAID", "NEW", "CANCELLED"])("refuses a %s payment", (status) => {
    expect(reissueProblem(facts({ failedPayment: { status, failedAt: null, replacedBy: false } }))).toBe(
      REISSUE_MESSAGES.notFailed(status),
    );
  });

  it("refuses a failed payment already replaced", () => {
    expect(reissueProblem(facts({ failedPayment: { status: "FAILED", failedAt: FAILED_AT, replacedBy: true } }))).toBe(
      REISSUE_MESSAGES.alreadyReplaced,
    );
  });

  it("refuses while the claim waits for other information, or is new or rejected", () => {
    expect(reissueProblem(facts({ informationRequestKind: "GENERAL" }))).toBe(REISSUE_MESSAGES.waitingForOtherInformation);
    expect(reissueProblem(facts({ claimStatus: "NEW", informationRequestKind: null }))).toBe(REISSUE_MESSAGES.claimNotWaiting);
    expect(reissueProblem(facts({ claimStatus: "REJECTED", informationRequestKind: null }))).toBe(
      REISSUE_MESSAGES.claimNotWaiting,
    );
  });

  it("refuses when the claim already has a live payment", () => {
    expect(reissueProblem(facts({ hasLivePayment: true }))).toBe(REISSUE_MESSAGES.livePayment);
  });

  it("refuses while a bank-details change waits for a second caseworker", () => {
    expect(reissueProblem(facts({ hasPendingBankDetailsChange: true }))).toBe(REISSUE_MESSAGES.pendingChange);
  });

  it("refuses until details are approved after the failure (the same instant is not after)", () => {
    expect(reissueProblem(facts({ bankDetailsApprovedAt: null }))).toBe(REISSUE_MESSAGES.noNewDetails);
    expect(reissueProblem(facts({ bankDetailsApprovedAt: new Date("2026-11-01T00:00:00Z") }))).toBe(
      REISSUE_MESSAGES.noNewDetails,
    );
    expect(reissueProblem(facts({ bankDetailsApprovedAt: FAILED_AT }))).toBe(REISSUE_MESSAGES.noNewDetails);
    expect(reissueProblem(facts({ bankDetailsApprovedAt: new Date(FAILED_AT.getTime() + 1) }))).toBeNull();
  });

  it("with no recorded failure time, any approval of the current details will do", () => {
    const failedPayment = { status: "FAILED", failedAt: null, replacedBy: false };
    expect(reissueProblem(facts({ failedPayment, bankDetailsApprovedAt: null }))).toBe(REISSUE_MESSAGES.noNewDetails);
    expect(reissueProblem(facts({ failedPayment, bankDetailsApprovedAt: new Date("2020-01-01") }))).toBeNull();
  });

  it("refuses approved details that cannot be paid to, saying why", () => {
    const problem = describeBankDetailsProblem("MODULUS");
    expect(reissueProblem(facts({ bankDetailsProblem: problem }))).toBe(
      "The claimant's approved bank details cannot be paid to: the account number is not valid for the sort code (UK modulus check). " +
        "Propose corrected details for a second caseworker to approve.",
    );
  });

  it("names the first thing to fix: the payment, then the claim, then the details", () => {
    expect(
      reissueProblem(
        facts({
          failedPayment: { status: "FAILED", failedAt: FAILED_AT, replacedBy: true },
          hasLivePayment: true,
          hasPendingBankDetailsChange: true,
        }),
      ),
    ).toBe(REISSUE_MESSAGES.alreadyReplaced);
    expect(reissueProblem(facts({ hasPendingBankDetailsChange: true, bankDetailsApprovedAt: null }))).toBe(
      REISSUE_MESSAGES.pendingChange,
    );
  });
});
