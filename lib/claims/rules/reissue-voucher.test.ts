import { describe, expect, it } from "vitest";
import { VOUCHER_REISSUE_MESSAGES, voucherReissueProblem, type VoucherReissueFacts } from "./reissue-voucher";

const facts = (more: Partial<VoucherReissueFacts> = {}): VoucherReissueFacts => ({
  claimStatus: "APPROVED",
  voucher: { method: "CASH", status: "EXPIRED", reportedByPostOffice: true, replacedBy: false },
  hasLivePayment: false,
  hasBankDetails: true,
  hasPendingBankDetailsChange: false,
  bankDetailsProblem: null,
  ...more,
});
const voucher = (more: Partial<VoucherReissueFacts["voucher"]>) => ({ voucher: { ...facts().voucher, ...more } });

describe("voucherReissueProblem", () => {
  it.each(["EXPIRED", "CANCELLED"])("lets a %s voucher be replaced by a new voucher or a bank transfer", (status) => {
    expect(voucherReissueProblem(facts(voucher({ status })), "CASH")).toBeNull();
    expect(voucherReissueProblem(facts(voucher({ status })), "BANK")).toBeNull();
  });

  it("refuses a bank payment, and a cash payment a caseworker cancelled before it was sent", () => {
    expect(voucherReissueProblem(facts(voucher({ method: "BANK" })), "CASH")).toBe(VOUCHER_REISSUE_MESSAGES.notVoucher);
    expect(voucherReissueProblem(facts(voucher({ status: "CANCELLED", reportedByPostOffice: false })), "CASH")).toBe(
      VOUCHER_REISSUE_MESSAGES.notVoucher,
    );
  });

  it.each([
    ["SENT", "this voucher is still valid"],
    ["CASHED", "this voucher is cashed"],
  ])("refuses a %s voucher", (status, words) => {
    expect(voucherReissueProblem(facts(voucher({ status })), "CASH")).toContain(words);
  });

  it("refuses a voucher already replaced, on a claim that is not approved, or beside a live payment", () => {
    expect(voucherReissueProblem(facts(voucher({ replacedBy: true })), "CASH")).toBe(VOUCHER_REISSUE_MESSAGES.alreadyReplaced);
    expect(voucherReissueProblem(facts({ claimStatus: "REJECTED" }), "CASH")).toBe(VOUCHER_REISSUE_MESSAGES.claimNotApproved);
    expect(voucherReissueProblem(facts({ hasLivePayment: true }), "BANK")).toBe(VOUCHER_REISSUE_MESSAGES.livePayment);
  });

  it("switches to bank only to approved details that can be paid to, with no change pending", () => {
    expect(voucherReissueProblem(facts({ hasBankDetails: false }), "BANK")).toBe(VOUCHER_REISSUE_MESSAGES.noBankDetails);
    expect(voucherReissueProblem(facts({ hasPendingBankDetailsChange: true }), "BANK")).toBe(
      VOUCHER_REISSUE_MESSAGES.pendingChange,
    );
    expect(voucherReissueProblem(facts({ bankDetailsProblem: "the sort code is not 6 digits" }), "BANK")).toBe(
      VOUCHER_REISSUE_MESSAGES.badDetails("the sort code is not 6 digits"),
    );
    // None of that stops a new voucher.
    expect(voucherReissueProblem(facts({ hasBankDetails: false, hasPendingBankDetailsChange: true }), "CASH")).toBeNull();
  });
});
