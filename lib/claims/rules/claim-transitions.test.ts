import { describe, expect, it } from "vitest";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { assertTransition, canDecide, TRANSITION_MESSAGES as M } from "./claim-transitions";

const ALL: ClaimStatus[] = ["NEW", "INFORMATION_REQUESTED", "UPDATED", "APPROVED", "REJECTED"];
const refused = (message: string) => ({ ok: false, message });

describe("canDecide", () => {
  it.each([
    ["NEW", true],
    ["UPDATED", true],
    ["INFORMATION_REQUESTED", false],
    ["APPROVED", false],
    ["REJECTED", false],
  ] as const)("%s -> %s", (status, expected) => {
    expect(canDecide(status)).toBe(expected);
  });
});

describe("assertTransition from NEW and UPDATED", () => {
  it.each([
    ["NEW", "APPROVED"],
    ["NEW", "REJECTED"],
    ["NEW", "INFORMATION_REQUESTED"],
    ["UPDATED", "APPROVED"],
    ["UPDATED", "REJECTED"],
    ["UPDATED", "INFORMATION_REQUESTED"],
  ] as const)("allows %s -> %s", (from, to) => {
    expect(assertTransition(from, to)).toEqual({ ok: true });
  });

  it("allows a bank-details request before any decision", () => {
    expect(assertTransition("NEW", "INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS" })).toEqual({ ok: true });
  });

  it.each([
    ["NEW", "NEW", M.noReturnToNew],
    ["NEW", "UPDATED", M.notWaiting],
    ["UPDATED", "UPDATED", M.notWaiting],
    ["UPDATED", "NEW", M.noReturnToNew],
  ] as const)("refuses %s -> %s", (from, to, message) => {
    expect(assertTransition(from, to)).toEqual(refused(message));
  });
});

describe("assertTransition from INFORMATION_REQUESTED", () => {
  it("allows UPDATED when the response is recorded", () => {
    expect(assertTransition("INFORMATION_REQUESTED", "UPDATED")).toEqual({ ok: true });
    expect(assertTransition("INFORMATION_REQUESTED", "UPDATED", { requestKind: "GENERAL" })).toEqual({ ok: true });
    expect(assertTransition("INFORMATION_REQUESTED", "UPDATED", { requestKind: "BANK_DETAILS" })).toEqual({ ok: true });
  });

  it("refuses deciding while waiting for the claimant", () => {
    expect(assertTransition("INFORMATION_REQUESTED", "APPROVED")).toEqual(refused(M.waitingForClaimant));
    expect(assertTransition("INFORMATION_REQUESTED", "REJECTED")).toEqual(refused(M.waitingForClaimant));
    expect(
      assertTransition("INFORMATION_REQUESTED", "APPROVED", { requestKind: "GENERAL", newBankDetailsApproved: true }),
    ).toEqual(refused(M.waitingForClaimant));
    expect(
      assertTransition("INFORMATION_REQUESTED", "APPROVED", { requestKind: "BANK_DETAILS", newBankDetailsApproved: true }),
    ).toEqual(refused(M.waitingForClaimant));
    expect(M.waitingForClaimant).toBe(
      "This claim is waiting for information from the claimant. Record their response before deciding it.",
    );
  });

  it("refuses a second request and a return to NEW", () => {
    expect(assertTransition("INFORMATION_REQUESTED", "INFORMATION_REQUESTED")).toEqual(refused(M.alreadyRequested));
    expect(assertTransition("INFORMATION_REQUESTED", "NEW")).toEqual(refused(M.noReturnToNew));
  });

  describe("after a failed bank payment", () => {
    const failed = { requestKind: "BANK_DETAILS", bankPaymentFailed: true } as const;

    it("goes back to APPROVED on reissue once the new bank details are approved", () => {
      expect(assertTransition("INFORMATION_REQUESTED", "APPROVED", { ...failed, newBankDetailsApproved: true })).toEqual({
        ok: true,
      });
    });

    it("refuses the reissue before the new bank details are approved", () => {
      expect(assertTransition("INFORMATION_REQUESTED", "APPROVED", failed)).toEqual(refused(M.newBankDetailsNotApproved));
      expect(assertTransition("INFORMATION_REQUESTED", "APPROVED", { ...failed, newBankDetailsApproved: false })).toEqual(
        refused(M.newBankDetailsNotApproved),
      );
    });

    it("never goes to UPDATED or REJECTED: the claim is already decided", () => {
      expect(assertTransition("INFORMATION_REQUESTED", "UPDATED", failed)).toEqual(refused(M.approvedAwaitingReissue));
      expect(assertTransition("INFORMATION_REQUESTED", "REJECTED", failed)).toEqual(refused(M.alreadyDecided));
    });
  });
});

describe("assertTransition from APPROVED", () => {
  it("allows a bank-details request only when its bank payment failed", () => {
    expect(
      assertTransition("APPROVED", "INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS", bankPaymentFailed: true }),
    ).toEqual({
      ok: true,
    });
  });

  it("refuses a bank-details request while the payment has not failed", () => {
    expect(assertTransition("APPROVED", "INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS" })).toEqual(
      refused(M.bankPaymentNotFailed),
    );
    expect(
      assertTransition("APPROVED", "INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS", bankPaymentFailed: false }),
    ).toEqual(refused(M.bankPaymentNotFailed));
  });

  it("refuses a general request, even after a failed payment", () => {
    expect(assertTransition("APPROVED", "INFORMATION_REQUESTED")).toEqual(refused(M.onlyBankDetailsAfterApproval));
    expect(assertTransition("APPROVED", "INFORMATION_REQUESTED", { requestKind: "GENERAL", bankPaymentFailed: true })).toEqual(
      refused(M.onlyBankDetailsAfterApproval),
    );
  });

  it.each(["NEW", "UPDATED", "APPROVED", "REJECTED"] as const)("refuses APPROVED -> %s", (to) => {
    expect(assertTransition("APPROVED", to, { requestKind: "BANK_DETAILS", bankPaymentFailed: true })).toEqual(
      refused("This claim has already been decided"),
    );
  });
});

describe("assertTransition from REJECTED", () => {
  it.each(ALL)("refuses REJECTED -> %s whatever the context", (to) => {
    const context = { requestKind: "BANK_DETAILS", bankPaymentFailed: true, newBankDetailsApproved: true } as const;
    expect(assertTransition("REJECTED", to, context)).toEqual(refused(M.alreadyDecided));
  });
});

describe("assertTransition: the full table without context", () => {
  const allowed = new Set([
    "NEW>APPROVED",
    "NEW>REJECTED",
    "NEW>INFORMATION_REQUESTED",
    "UPDATED>APPROVED",
    "UPDATED>REJECTED",
    "UPDATED>INFORMATION_REQUESTED",
    "INFORMATION_REQUESTED>UPDATED",
  ]);
  for (const from of ALL) {
    for (const to of ALL) {
      it(`${from} -> ${to} is ${allowed.has(`${from}>${to}`) ? "allowed" : "refused"}`, () => {
        expect(assertTransition(from, to).ok).toBe(allowed.has(`${from}>${to}`));
      });
    }
  }
});
