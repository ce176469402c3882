import { describe, expect, it } from "vitest";
import { parsePayrollParams, payrollHref } from "./payroll-params";

describe("the payroll's URL", () => {
  it("keeps what it can use and drops the rest", () => {
    expect(
      parsePayrollParams({
        q: "  Ada   Lovelace ",
        status: "suspended",
        method: "cash",
        point: "6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F",
        after: "7kq2m9x-202611",
      }),
    ).toEqual({
      q: "Ada Lovelace",
      status: "SUSPENDED",
      method: "CASH",
      point: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
      after: "7KQ2M9X-202611",
      before: undefined,
    });
    expect(parsePayrollParams({ status: "LOST", method: "CHEQUE", point: "north", before: "'; DROP", q: "" })).toEqual({
      q: undefined,
      status: undefined,
      method: undefined,
      point: undefined,
      after: undefined,
      before: undefined,
    });
    expect(parsePayrollParams({ point: "NONE" })).toMatchObject({ point: "none" });
    // Both cursors: the next-page one wins.
    expect(parsePayrollParams({ after: "A-1", before: "B-2" })).toMatchObject({ after: "A-1", before: undefined });
  });

  it("writes the filters and one page position back", () => {
    expect(payrollHref("c1", { q: "Ada", status: "DRAFT" }, { after: "X-1", before: "Y-2" })).toBe(
      "/payment-cycles/c1?q=Ada&status=DRAFT&after=X-1#payroll",
    );
    expect(payrollHref("c1", {})).toBe("/payment-cycles/c1#payroll");
    expect(payrollHref("c1", { point: "none", method: "CASH" })).toBe("/payment-cycles/c1?method=CASH&point=none#payroll");
  });
});
