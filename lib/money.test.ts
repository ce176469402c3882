import { describe, expect, it } from "vitest";
import { formatPence } from "./money";

describe("formatPence", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [99, "£0.99"],
    [100, "£1.00"],
    [123456, "£1,234.56"],
    [100000000000n, "£1,000,000,000.00"],
    [-5, "-£0.05"],
    [-123456, "-£1,234.56"],
    [-100000000000n, "-£1,000,000,000.00"],
  ] as const)("formats %s", (pence, expected) => {
    expect(formatPence(pence)).toBe(expected);
  });

  it("handles amounts beyond Number.MAX_SAFE_INTEGER exactly", () => {
    expect(formatPence(900719925474099312n)).toBe("£9,007,199,254,740,993.12");
  });

  it("treats -0 as zero", () => {
    expect(formatPence(-0)).toBe("£0.00");
  });

  it("rejects fractional pence", () => {
    expect(() => formatPence(1.5)).toThrow(RangeError);
  });
});
