import { describe, expect, it } from "vitest";
import { describePreviewDifference, previewSentence, type HoldReasonLabels } from "./preview-words";
import type { RunPreview } from "./run-preview";

// How staff read the reasons (lib/payments/hold-reasons.ts), as far as these tests need them.
const labels = {
  BAD_BANK_DETAILS: "Bank details failed validation",
  NO_BANK_DETAILS: "No bank details",
} as HoldReasonLabels;

const preview = (over: Partial<RunPreview> = {}): RunPreview => ({
  kind: "DIRECT_PAYMENTS",
  payments: 96,
  totalPence: 437965,
  files: 1,
  wouldHold: { total: 0, byReason: [], first: [] },
  alreadyHeld: { total: 0, totalPence: 0, byReason: [], first: [] },
  cleaned: { total: 0, first: [] },
  problem: null,
  ...over,
});

describe("the preview in words", () => {
  it("says what the run will pay, what its checks hold by reason, and what stays on hold", () => {
    expect(previewSentence(preview(), labels)).toBe("This run will pay 96 payments, £4,379.65.");
    expect(
      previewSentence(
        preview({
          wouldHold: {
            total: 3,
            byReason: [
              { reason: "BAD_BANK_DETAILS", count: 2 },
              { reason: "NO_BANK_DETAILS", count: 1 },
            ],
            first: [],
          },
          alreadyHeld: { total: 1, totalPence: 500, byReason: [{ reason: "BANK_DETAILS_CHANGE_PENDING", count: 1 }], first: [] },
        }),
        labels,
      ),
    ).toBe(
      "This run will pay 96 payments, £4,379.65; its checks will hold 3: 2 bank details failed validation, 1 no bank details. 1 payment already on hold stays waiting.",
    );
    expect(previewSentence(preview({ payments: 0, totalPence: 0 }), labels)).toBe(
      "This run would pay nothing: no payment is ready to pay.",
    );
    expect(previewSentence(preview({ problem: "none of the 2 claimants' bank details could be decrypted" }), labels)).toBe(
      "This run would fail: none of the 2 claimants' bank details could be decrypted. Nothing would be paid.",
    );
  });
});

describe("what the run did that the preview did not show", () => {
  const shown = { payments: 96, totalPence: 437965, held: 3 };

  it("says nothing differs when nothing does", () => {
    expect(describePreviewDifference(shown, { ...shown })).toBe("As the preview showed.");
  });

  it("names payments approved since, and how much more", () => {
    expect(describePreviewDifference(shown, { payments: 98, totalPence: 442965, held: 3 })).toBe(
      "2 more payments than the preview showed (£50.00 more): approved since.",
    );
    expect(describePreviewDifference(shown, { payments: 97, totalPence: 438965, held: 3 })).toBe(
      "1 more payment than the preview showed (£10.00 more): approved since.",
    );
  });

  it("names payments held, cancelled or changed since, and the run's own extra holds", () => {
    expect(describePreviewDifference(shown, { payments: 95, totalPence: 437465, held: 4 })).toBe(
      "1 fewer payment than the preview showed (£5.00 less): held, cancelled or changed since; 1 more payment put on hold by the run's checks than the preview showed.",
    );
    expect(describePreviewDifference(shown, { payments: 96, totalPence: 437965, held: 1 })).toBe(
      "2 fewer payments put on hold by the run's checks than the preview showed.",
    );
  });

  it("names a changed total when the count is the same", () => {
    expect(describePreviewDifference(shown, { payments: 96, totalPence: 437865, held: 3 })).toBe(
      "The same number of payments as the preview showed but £1.00 less: changed since.",
    );
  });
});
