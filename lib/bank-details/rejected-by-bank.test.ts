import { describe, expect, it } from "vitest";
import { bankRejection, type PaymentForRejection } from "./rejected-by-bank";

const failed: PaymentForRejection = {
  reference: "7KQ2M9X-01",
  method: "BANK",
  status: "FAILED",
  failureReason: "Account closed",
  failedAt: new Date("2026-07-10T10:00:00Z"),
  replacedBy: null,
};
const setBefore = new Date("2026-07-01T09:00:00Z");

describe("bankRejection", () => {
  it("marks the details the bank refused, with the reason and the next step", () => {
    expect(bankRejection({ payments: [failed], detailsSetAt: setBefore, changeWaiting: false })).toEqual({
      paymentReference: "7KQ2M9X-01",
      reason: "Account closed",
      nextStep:
        'Ask the claimant for new bank details and propose them under "Change bank details". Once a second caseworker approves them, reissue payment 7KQ2M9X-01.',
    });
  });

  it("says a change is waiting for its second caseworker when one is", () => {
    expect(bankRejection({ payments: [failed], detailsSetAt: setBefore, changeWaiting: true })?.nextStep).toBe(
      "New bank details are waiting for a second caseworker to approve them. Once they are approved, reissue payment 7KQ2M9X-01.",
    );
  });

  it("clears once new details are set after the failure, or the payment has been reissued", () => {
    expect(
      bankRejection({ payments: [failed], detailsSetAt: new Date("2026-07-11T09:00:00Z"), changeWaiting: false }),
    ).toBeNull();
    expect(
      bankRejection({
        payments: [{ ...failed, replacedBy: { reference: "7KQ2M9X-02" } }],
        detailsSetAt: setBefore,
        changeWaiting: false,
      }),
    ).toBeNull();
  });

  it("ignores payments that did not fail at the bank", () => {
    const payments = [
      { ...failed, status: "PAID" },
      { ...failed, method: "CASH" },
    ];
    expect(bankRejection({ payments, detailsSetAt: setBefore, changeWaiting: false })).toBeNull();
  });

  it("takes the latest failure, and a failure with no reason still counts", () => {
    const older = { ...failed, reference: "7KQ2M9X-01", failedAt: new Date("2026-07-02T10:00:00Z") };
    const latest = { ...failed, reference: "7KQ2M9X-02", failureReason: null, failedAt: new Date("2026-07-12T10:00:00Z") };
    expect(bankRejection({ payments: [older, latest], detailsSetAt: setBefore, changeWaiting: false })).toMatchObject({
      paymentReference: "7KQ2M9X-02",
      reason: "no reason given",
    });
  });
});
