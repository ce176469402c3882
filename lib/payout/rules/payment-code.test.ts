import { describe, expect, it } from "vitest";

import { isPaymentCode, paymentCodeProblem } from "./payment-code";

describe("paymentCodeProblem", () => {
  it.each(["K7QX2M9PLA4TZ", "ABCDEFGHJ2345", "abcdefghj2345", "0000000000000"])("accepts %j", (code) => {
    expect(paymentCodeProblem(code)).toBeNull();
    expect(isPaymentCode(code)).toBe(true);
  });

  it.each<[string, string]>([
    ["", "payment code is empty"],
    ["K7QX2M9PLA4T", 'payment code "K7QX2M9PLA4T" has 12 characters, not 13'],
    ["K7QX2M9PLA4TZZ", 'payment code "K7QX2M9PLA4TZZ" has 14 characters, not 13'],
    ["K7QX-M9PLA4TZ", 'payment code "K7QX-M9PLA4TZ" may hold only letters and digits (found "-")'],
    ["K7 X-M9PL", 'payment code "K7 X-M9PL" has 9 characters, not 13 and may hold only letters and digits (found " " "-")'],
    ["ÄBCDEFGHJ2345", 'payment code "ÄBCDEFGHJ2345" may hold only letters and digits (found "Ä")'],
    ["X", 'payment code "X" has 1 character, not 13'],
  ])("refuses %j", (code, problem) => {
    expect(paymentCodeProblem(code)).toBe(problem);
    expect(isPaymentCode(code)).toBe(false);
  });

  it("keeps the message short for a long value", () => {
    expect(paymentCodeProblem("A".repeat(100))).toBe(`payment code "${"A".repeat(40)}…" has 100 characters, not 13`);
    expect(paymentCodeProblem("!@#$%^&*()ABC")).toBe(
      'payment code "!@#$%^&*()ABC" may hold only letters and digits (found "!" "@" "#" "$" "%" …)',
    );
  });
});
