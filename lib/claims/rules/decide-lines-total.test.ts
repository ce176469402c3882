import { describe, expect, it } from "vitest";
import { runningTotal } from "./decide-lines-total";

const LINES = [
  { id: "a", claimedPence: 1240 },
  { id: "b", claimedPence: 3500 },
  { id: "c", claimedPence: 760 },
];
const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe("runningTotal", () => {
  it("counts nothing and every line undecided before a choice", () => {
    expect(runningTotal(LINES, reader({}))).toEqual({ claimedPence: 5500, approvedPence: 0, undecided: 3 });
  });

  it("adds the claimed amount, a valid different amount, and nothing for a rejected line", () => {
    expect(
      runningTotal(
        LINES,
        reader({
          "line-a-decision": "APPROVE",
          "line-b-decision": "APPROVE_DIFFERENT",
          "line-b-amount": " 30.00 ",
          "line-c-decision": "REJECT",
          "line-c-amount": "7.60",
        }),
      ),
    ).toEqual({ claimedPence: 5500, approvedPence: 4240, undecided: 0 });
  });

  it("counts a different amount that is empty, malformed, zero or above the claim as not decided yet", () => {
    for (const amount of ["", "12.345", "0", "35.01"]) {
      expect(
        runningTotal(
          LINES,
          reader({ "line-a-decision": "APPROVE", "line-b-decision": "APPROVE_DIFFERENT", "line-b-amount": amount }),
        ),
      ).toEqual({ claimedPence: 5500, approvedPence: 1240, undecided: 2 });
    }
  });
});
