import { describe, expect, it } from "vitest";
import { PreviewTally } from "./preview-tally";

describe("the preview's tally", () => {
  it("counts every hold by reason and every cleaned value, but keeps only the first few of each", () => {
    const tally = new PreviewTally(2);
    const reasons = [
      "NO_BANK_DETAILS",
      "BAD_BANK_DETAILS",
      "BAD_BANK_DETAILS",
      "NAME_EMPTY_AFTER_CLEANING",
      "BAD_BANK_DETAILS",
    ] as const;
    reasons.forEach((reason, i) => tally.hold({ paymentId: `p${i}`, reference: `R${i}`, reason, detail: "why" }));
    for (let i = 0; i < 3; i++)
      tally.cleaned({ kind: "VALUE_CLEANED", paymentId: `c${i}`, reference: `C${i}`, field: "name", changes: ["é -> e"] });
    const { wouldHold, cleaned } = tally.summary();
    expect(wouldHold.total).toBe(5);
    expect(wouldHold.byReason).toEqual([
      { reason: "BAD_BANK_DETAILS", count: 3 },
      { reason: "NAME_EMPTY_AFTER_CLEANING", count: 1 },
      { reason: "NO_BANK_DETAILS", count: 1 },
    ]);
    expect(wouldHold.first.map((h) => h.reference)).toEqual(["R0", "R1"]);
    expect(cleaned.total).toBe(3);
    expect(cleaned.first.map((w) => w.reference)).toEqual(["C0", "C1"]);
  });
});
