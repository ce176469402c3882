import { describe, expect, it } from "vitest";
import { decideLinesFromForm } from "./decide-lines-form";

const LINES = [
  { id: "a", lineNo: 1, typeLabel: "Train", claimedPence: 1240 },
  { id: "b", lineNo: 2, typeLabel: "Taxi", claimedPence: 500 },
];
const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe("decideLinesFromForm", () => {
  it("parses the amount text and decides, reading only the fields of the choice made", () => {
    const result = decideLinesFromForm(
      LINES,
      reader({
        "line-a-decision": "APPROVE_DIFFERENT",
        "line-a-amount": "£10.5",
        "line-a-note": "Receipt total",
        "line-a-reason": "DUPLICATE",
        "line-b-decision": "APPROVE",
        "line-b-amount": "ignored",
        "line-b-note": "typed, then hidden",
      }),
    );
    expect(result).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1550,
      lines: [
        { id: "a", decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence: 1050, note: "Receipt total", reasonCode: null },
        { id: "b", decision: "APPROVED", approvedPence: 500, note: null, reasonCode: null },
      ],
    });
  });

  it("reports unparseable amounts as a format error, with the other errors", () => {
    const result = decideLinesFromForm(
      LINES,
      reader({ "line-a-decision": "APPROVE_DIFFERENT", "line-a-amount": "1.005", "line-b-decision": "MAYBE" }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        "line-a-amount": "Line 1, Train: enter the approved amount in pounds and pence, for example 12.50",
        "line-a-note": "Line 1, Train: enter a note explaining the different amount",
        "line-b-decision": "Line 2, Taxi: choose a decision",
      },
    });
  });

  it("treats an empty amount as missing and reads each rejected line's reason", () => {
    expect(
      decideLinesFromForm(
        LINES,
        reader({
          "line-a-decision": "APPROVE_DIFFERENT",
          "line-a-amount": " ",
          "line-a-note": "n",
          "line-b-decision": "REJECT",
          "line-b-reason": "NO_EVIDENCE",
        }),
      ),
    ).toEqual({ ok: false, errors: { "line-a-amount": "Line 1, Train: enter the approved amount" } });
    expect(
      decideLinesFromForm(
        LINES,
        reader({
          "line-a-decision": "REJECT",
          "line-a-reason": "OTHER",
          "line-a-otherReason": "Booked by the prison",
          "line-b-decision": "REJECT",
          "line-b-reason": "NO_EVIDENCE",
        }),
      ),
    ).toMatchObject({ ok: true, outcome: "REJECTED", reason: "Booked by the prison; No receipts or evidence" });
  });

  it("ignores values that are not strings, as FormData files would be", () => {
    const result = decideLinesFromForm(LINES, (name) =>
      name === "line-a-decision" ? new Blob(["APPROVE"]) : name.endsWith("decision") ? "APPROVE" : null,
    );
    expect(result).toEqual({ ok: false, errors: { "line-a-decision": "Line 1, Train: choose a decision" } });
  });
});
