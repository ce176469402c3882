import { describe, expect, it } from "vitest";
import { paymentForApproval, type PaymentForApprovalInput } from "./payment-for-approval";

// 089999 / 66374958 is Pay.UK's published "pass modulus 10" case; ...59 fails it.
const VALID = { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "A Lovelace", rollNumber: null };
const BASE: PaymentForApprovalInput = {
  claimReference: "7KQ2M9X",
  paymentMethod: "BANK",
  approvedTotalPence: 1740,
  existingPaymentReferences: [],
  bankDetails: VALID,
  hasPendingBankDetailsChange: false,
};
const refused = (message: string) => ({ ok: false, message });

describe("paymentForApproval", () => {
  it("makes the first bank payment, not on hold", () => {
    expect(paymentForApproval(BASE)).toEqual({
      ok: true,
      payment: { reference: "7KQ2M9X-01", method: "BANK", amountPence: 1740, status: "NEW", holdReason: null },
    });
  });

  it("gives a second payment the next sequence", () => {
    const result = paymentForApproval({ ...BASE, existingPaymentReferences: ["7KQ2M9X-01"] });
    expect(result).toMatchObject({ ok: true, payment: { reference: "7KQ2M9X-02" } });
  });

  it("refuses a bank payment when the claimant has no bank details", () => {
    expect(paymentForApproval({ ...BASE, bankDetails: null })).toEqual(
      refused("The claimant has no bank details. Request new bank details before approving a bank payment."),
    );
  });

  it("refuses with a pointer to the pending change when there are no approved details yet", () => {
    expect(paymentForApproval({ ...BASE, bankDetails: null, hasPendingBankDetailsChange: true })).toEqual(
      refused(
        "The claimant has no approved bank details. Their new bank details are waiting for a second caseworker to approve them; approve those before approving a bank payment.",
      ),
    );
  });

  it("holds a bank payment while a bank-details change is pending", () => {
    expect(paymentForApproval({ ...BASE, hasPendingBankDetailsChange: true })).toEqual({
      ok: true,
      payment: {
        reference: "7KQ2M9X-01",
        method: "BANK",
        amountPence: 1740,
        status: "NEW",
        holdReason: "BANK_DETAILS_CHANGE_PENDING",
      },
    });
  });

  it("refuses details that fail the modulus check", () => {
    expect(paymentForApproval({ ...BASE, bankDetails: { ...VALID, accountNumber: "66374959" } })).toEqual(
      refused(
        "The claimant's bank details are not valid: the account number is not valid for the sort code (UK modulus check). Correct them or request new bank details before approving a bank payment.",
      ),
    );
  });

  it("refuses badly formed sort codes, account numbers and roll numbers", () => {
    const problem = (bankDetails: PaymentForApprovalInput["bankDetails"]) => {
      const result = paymentForApproval({ ...BASE, bankDetails });
      return result.ok ? null : result.message;
    };
    expect(problem({ ...VALID, sortCode: "08-99-99" })).toContain(": the sort code must be 6 digits.");
    expect(problem({ ...VALID, accountNumber: "6637495" })).toContain(": the account number must be 8 digits.");
    expect(problem({ ...VALID, rollNumber: "R0LL*1" })).toContain(": the roll number must be up to 18 letters");
    expect(problem({ ...VALID, rollNumber: "1234567890123456789" })).toContain(": the roll number must be");
    expect(problem({ ...VALID, rollNumber: "ABC/123.45-6 &" })).toBeNull();
    expect(problem({ ...VALID, rollNumber: "" })).toBeNull();
  });

  it("refuses invalid details even with a change pending, pointing at the change", () => {
    const result = paymentForApproval({
      ...BASE,
      bankDetails: { ...VALID, accountNumber: "66374959" },
      hasPendingBankDetailsChange: true,
    });
    expect(result).toEqual(
      refused(
        "The claimant's bank details are not valid: the account number is not valid for the sort code (UK modulus check). Their new bank details are waiting for a second caseworker to approve them; approve those before approving a bank payment.",
      ),
    );
  });

  it("makes a cash payment with no hold, whatever the bank details", () => {
    const cash = { ...BASE, paymentMethod: "CASH" as const, bankDetails: null, hasPendingBankDetailsChange: true };
    expect(paymentForApproval(cash)).toEqual({
      ok: true,
      payment: { reference: "7KQ2M9X-01", method: "CASH", amountPence: 1740, status: "NEW", holdReason: null },
    });
  });

  it("refuses a total that is not a positive whole number of pence, or too large", () => {
    expect(paymentForApproval({ ...BASE, approvedTotalPence: 0 })).toEqual(
      refused("The approved total must be more than £0.00."),
    );
    expect(paymentForApproval({ ...BASE, approvedTotalPence: 10.5 })).toEqual(
      refused("The approved total must be more than £0.00."),
    );
    expect(paymentForApproval({ ...BASE, approvedTotalPence: 2_147_483_648 })).toEqual(
      refused("The approved total is too large for one payment."),
    );
  });

  it("refuses a 100th payment", () => {
    expect(paymentForApproval({ ...BASE, existingPaymentReferences: ["7KQ2M9X-99"] })).toEqual(
      refused("This claim already has 99 payments; no more can be made."),
    );
  });
});
