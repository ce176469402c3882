import { describe, expect, it } from "vitest";
import { makeClaimReference, isClaimReference } from "@/lib/references/claim-reference";
import { makePaymentReference, nextPaymentSequence } from "./payment-reference";

describe("references", () => {
  it("makes 7-character claim references from the allowed alphabet only", () => {
    for (let i = 0; i < 500; i++) {
      const ref = makeClaimReference();
      expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
      expect(isClaimReference(ref)).toBe(true);
    }
    expect(isClaimReference("7KQ2M9I")).toBe(false);
    expect(isClaimReference("7kq2m9x")).toBe(false);
    expect(isClaimReference("7KQ2M9")).toBe(false);
  });

  it("makes payment references that contain the claim reference and fit in 18 characters", () => {
    expect(makePaymentReference("7KQ2M9X", 1)).toBe("7KQ2M9X-01");
    expect(makePaymentReference("7KQ2M9X", 12)).toBe("7KQ2M9X-12");
    expect(() => makePaymentReference("7KQ2M9X", 100)).toThrow();
    expect(() => makePaymentReference("bad", 1)).toThrow();
  });

  it("numbers a claim's payments in order", () => {
    expect(nextPaymentSequence([])).toBe(1);
    expect(nextPaymentSequence(["7KQ2M9X-01", "7KQ2M9X-02"])).toBe(3);
  });
});
