import { describe, expect, it } from "vitest";
import { describePayroll } from "./describe-payroll";

describe("a payroll in words", () => {
  it("says what matters and leaves out what is nothing", () => {
    expect(
      describePayroll({ payments: 1, totalPence: 5000, suspended: 0, suspendedPence: 0, nothingDue: 0, carriedOver: 0 }),
    ).toBe("1 payment of £50.00 in all.");
    expect(
      describePayroll({
        payments: 2150,
        totalPence: 12_345_600,
        suspended: 3,
        suspendedPence: 300_000,
        nothingDue: 1,
        carriedOver: 2,
        cancelled: 4,
        alreadyCancelled: 1,
      }),
    ).toBe(
      "2,150 payments of £123,456.00 in all; 3 suspended (£3,000.00) above the limit; 1 beneficiary with nothing due; 2 unpaid earlier payments carried over; 4 payments no longer due cancelled; 1 beneficiary not paid again (payment rejected earlier in this cycle).",
    );
  });
});
