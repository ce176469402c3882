import { describe, expect, it } from "vitest";
import { decideLinesFromForm } from "./decide-lines-form";

const LINES = [
  { id: "a", claimedPence: 1240 },
  { id: "b", claimedPence: 500 },
];
const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe("decideLinesFromForm", () => {
  it("parses the amount text and decides", () => {
    const result = decideLinesFromForm(
      LINES,
      reader({
        "line-a-decision": "APPROVE_DIFFERENT",
        "line-a-amount": "£10.5",
        "line-a-note": "Receipt total",
        "line-b-decision": "APPROVE",
        "line-b-amount": "ignored",
      }),
    );
    expect(result).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1550,
      lines: [
        { id: "a", decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence: 1050, note: "Receipt total" },
        { id: "b", decision: "APPROVED", approvedPence: 500, note: null },
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
        "line-a-amount": "Enter the approved amount in pounds and pence, for example 12.50",
        "line-a-note": "Enter a note explaining the different amount",
        "line-b-decision": "Choose a decision for this expense line",
      },
    });
  });

  it("treats an empty amount as missing and reads the rejection reason", () => {
    expect(
      decideLinesFromForm(
        LINES,
        reader({ "line-a-decision": "APPROVE_DIFFERENT", "line-a-amount": " ", "line-a-note": "n", "line-b-decision": "REJECT" }),
      ),
    ).toEqual({
      ok: false,
      errors: { "line-a-amount": "Enter the approved amount" },
    });
    expect(
      decideLinesFromForm(LINES, reader({ "line-a-decision": "REJECT", "line-b-decision": "REJECT", rejectionReason: "OTHER" })),
    ).toMatchObject({
      ok: true,
      outcome: "REJECTED",
      reason: "OTHER",
    });
  });

  it("ignores values that are not strings, as FormData files would be", () => {
    const result = decideLinesFromForm(LINES, (name) =>
      name === "line-a-decision" ? new Blob(["APPROVE"]) : name.endsWith("decision") ? "APPROVE" : null,
    );
    expect(result).toEqual({ ok: false, errors: { "line-a-decision": "Choose a decision for this expense line" } });
  });
});
