import { describe, expect, it } from "vitest";
import { voucherLabel, voucherState } from "./voucher-filter";

describe("voucherState", () => {
  it("reads a cash payment's status, and a sent one's code", () => {
    expect(voucherState({ status: "NEW", paymentCode: null })).toBe("waiting");
    expect(voucherState({ status: "SENT", paymentCode: null })).toBe("sent");
    expect(voucherState({ status: "SENT", paymentCode: "ABCDEFGHJK123" })).toBe("coded");
    expect(voucherState({ status: "CASHED", paymentCode: "ABCDEFGHJK123" })).toBe("cashed");
    expect(voucherState({ status: "EXPIRED", paymentCode: "ABCDEFGHJK123" })).toBe("expired");
    expect(voucherState({ status: "CANCELLED", paymentCode: null })).toBe("cancelled");
    expect(voucherState({ status: "PAID", paymentCode: null })).toBeNull();
  });
});

describe("voucherLabel", () => {
  const base = { paymentCode: null, holdReason: null, postOfficeStatusDate: null };
  it("says a waiting voucher is on hold, and who cancelled a cancelled one", () => {
    expect(voucherLabel({ ...base, status: "NEW" })).toBe("Waiting for the Payout run");
    expect(voucherLabel({ ...base, status: "NEW", holdReason: "INVALID_POSTCODE" })).toBe("On hold");
    expect(voucherLabel({ ...base, status: "CANCELLED" })).toBe("Cancelled");
    expect(voucherLabel({ ...base, status: "CANCELLED", postOfficeStatusDate: new Date("2026-12-01") })).toBe(
      "Cancelled by the Post Office",
    );
  });
});
