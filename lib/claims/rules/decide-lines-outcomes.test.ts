import { describe, expect, it } from "vitest";
import { lineOutcomes } from "./decide-lines-outcomes";

const stored = [
  { id: "a", lineNo: 1, type: "TRAIN", description: "Leeds to Wakefield", claimedPence: 1240 },
  { id: "b", lineNo: 2, type: "CAR_MILEAGE", description: "Home to prison", claimedPence: 3000 },
] as const;

describe("lineOutcomes", () => {
  it("takes the decision just made over the stored one, with the note as the reason", () => {
    const lines = stored.map((l) => ({ ...l, decision: null, approvedPence: null, decisionNote: null }));
    expect(
      lineOutcomes(lines, [
        { id: "b", decision: "REJECTED", approvedPence: null, note: "No receipts or evidence" },
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null },
      ]),
    ).toEqual([
      {
        lineNo: 1,
        typeLabel: "Train",
        description: "Leeds to Wakefield",
        claimedPence: 1240,
        decision: "APPROVED",
        approvedPence: 1240,
        reason: null,
      },
      {
        lineNo: 2,
        typeLabel: "Car mileage",
        description: "Home to prison",
        claimedPence: 3000,
        decision: "REJECTED",
        approvedPence: null,
        reason: "No receipts or evidence",
      },
    ]);
  });

  it("reads stored decisions (a second approval) and leaves out undecided lines", () => {
    const lines = [
      { ...stored[0], decision: "APPROVED_DIFFERENT_AMOUNT" as const, approvedPence: 1000, decisionNote: "Off-peak" },
      { ...stored[1], decision: null, approvedPence: null, decisionNote: null },
    ];
    expect(lineOutcomes(lines)).toEqual([expect.objectContaining({ lineNo: 1, approvedPence: 1000, reason: "Off-peak" })]);
  });
});
