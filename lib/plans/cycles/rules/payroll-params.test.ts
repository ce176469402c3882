import { describe, expect, it } from "vitest";
import { parsePayrollParams, payrollHref } from "./payroll-params";

describe("the payroll's URL", () => {
  it("keeps what it can use and drops the rest", () => {
    expect(parsePayrollParams({ q: "  Ada   Lovelace ", status: "suspended", method: "cash", after: "7kq2m9x-202611" })).toEqual({
      q: "Ada Lovelace",
      status: "SUSPENDED",
      method: "CASH",
      after: "7KQ2M9X-202611",
      before: undefined,
    });
    expect(parsePayrollParams({ status: "LOST", method: "CHEQUE", before: "'; DROP", q: "" })).toEqual({
      q: undefined,
      status: undefined,
      method: undefined,
      after: undefined,
      before: undefined,
    });
    // Both cursors: the next-page one wins.
    expect(parsePayrollParams({ after: "A-1", before: "B-2" })).toMatchObject({ after: "A-1", before: undefined });
  });

  it("writes the filters and one page position back", () => {
    expect(payrollHref("c1", { q: "Ada", status: "DRAFT" }, { after: "X-1", before: "Y-2" })).toBe(
      "/payment-cycles/c1?q=Ada&status=DRAFT&after=X-1#payroll",
    );
    expect(payrollHref("c1", {})).toBe("/payment-cycles/c1#payroll");
  });
});
