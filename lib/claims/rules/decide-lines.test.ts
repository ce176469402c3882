import { describe, expect, it } from "vitest";
import {
  decideLines,
  FORM_ERROR_FIELD,
  lineFieldName,
  parsePoundsToPence,
  REJECTION_REASON_FIELD,
  REJECTION_REASONS,
  type ExpenseLineInput,
  type LineDecisionInput,
} from "./decide-lines";

const LINES: ExpenseLineInput[] = [
  { id: "a", claimedPence: 1240 },
  { id: "b", claimedPence: 500 },
];
const approveAll: LineDecisionInput[] = [
  { lineId: "a", decision: "APPROVE" },
  { lineId: "b", decision: "APPROVE" },
];

describe("decideLines: every line decided exactly once", () => {
  it("reports a missing line on its decision field", () => {
    expect(decideLines({ lines: LINES, decisions: [{ lineId: "a", decision: "APPROVE" }] })).toEqual({
      ok: false,
      errors: { "line-b-decision": "Choose a decision for this expense line" },
    });
  });

  it("reports a line decided twice", () => {
    const result = decideLines({ lines: LINES, decisions: [...approveAll, { lineId: "b", decision: "REJECT" }] });
    expect(result).toEqual({ ok: false, errors: { "line-b-decision": "This expense line has been decided more than once" } });
  });

  it("reports a line that is not on the claim", () => {
    const result = decideLines({ lines: LINES, decisions: [...approveAll, { lineId: "zzz", decision: "APPROVE" }] });
    expect(result).toEqual({
      ok: false,
      errors: {
        [FORM_ERROR_FIELD]: "The form includes an expense line that is not on this claim. Reload the page and try again.",
      },
    });
  });

  it("refuses a claim with no lines", () => {
    expect(decideLines({ lines: [], decisions: [] })).toEqual({
      ok: false,
      errors: { form: "This claim has no expense lines to decide" },
    });
  });

  it("names fields line-<id>-decision|amount|note", () => {
    expect(lineFieldName("x1", "decision")).toBe("line-x1-decision");
    expect(lineFieldName("x1", "amount")).toBe("line-x1-amount");
    expect(lineFieldName("x1", "note")).toBe("line-x1-note");
    expect(REJECTION_REASON_FIELD).toBe("rejectionReason");
  });
});

describe("decideLines: approving a different amount", () => {
  const different = (approvedPence: number | null | undefined, note: string | null = "Receipt shows less") =>
    decideLines({
      lines: LINES,
      decisions: [
        { lineId: "a", decision: "APPROVE_DIFFERENT", approvedPence, note },
        { lineId: "b", decision: "REJECT" },
      ],
    });

  it("refuses an amount of 0", () => {
    expect(different(0)).toEqual({ ok: false, errors: { "line-a-amount": "The approved amount must be more than £0.00" } });
  });

  it("refuses a negative amount", () => {
    expect(different(-5)).toEqual({ ok: false, errors: { "line-a-amount": "The approved amount must be more than £0.00" } });
  });

  it("refuses an amount above the claimed amount, naming it in pounds", () => {
    expect(different(1241)).toEqual({
      ok: false,
      errors: { "line-a-amount": "The approved amount must be less than or equal to the claimed £12.40" },
    });
  });

  it("refuses a missing or fractional amount", () => {
    expect(different(undefined)).toEqual({ ok: false, errors: { "line-a-amount": "Enter the approved amount" } });
    expect(different(null)).toEqual({ ok: false, errors: { "line-a-amount": "Enter the approved amount" } });
    expect(different(12.5)).toEqual({
      ok: false,
      errors: { "line-a-amount": "Enter the approved amount in pounds and pence, for example 12.50" },
    });
  });

  it("allows an amount equal to the claimed amount", () => {
    expect(different(1240)).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240,
      lines: [
        { id: "a", decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence: 1240, note: "Receipt shows less" },
        { id: "b", decision: "REJECTED", approvedPence: null, note: null },
      ],
    });
  });

  it("allows 1p", () => {
    expect(different(1)).toMatchObject({ ok: true, outcome: "APPROVED", approvedTotalPence: 1 });
  });

  it("requires a note", () => {
    expect(different(1000, null)).toEqual({
      ok: false,
      errors: { "line-a-note": "Enter a note explaining the different amount" },
    });
    expect(different(1000, "   ")).toEqual({
      ok: false,
      errors: { "line-a-note": "Enter a note explaining the different amount" },
    });
  });

  it("refuses a 2001-character note and accepts 2000", () => {
    expect(different(1000, "x".repeat(2001))).toEqual({
      ok: false,
      errors: { "line-a-note": "The note must be 2000 characters or fewer" },
    });
    expect(different(1000, "x".repeat(2000))).toMatchObject({ ok: true, approvedTotalPence: 1000 });
  });

  it("reports amount and note errors together", () => {
    expect(different(0, "")).toEqual({
      ok: false,
      errors: {
        "line-a-amount": "The approved amount must be more than £0.00",
        "line-a-note": "Enter a note explaining the different amount",
      },
    });
  });
});

describe("decideLines: notes on other decisions", () => {
  it("are optional, trimmed, and limited to 2000 characters", () => {
    const result = decideLines({
      lines: LINES,
      decisions: [
        { lineId: "a", decision: "APPROVE", note: "  fine  " },
        { lineId: "b", decision: "REJECT", note: "y".repeat(2001) },
      ],
    });
    expect(result).toEqual({ ok: false, errors: { "line-b-note": "The note must be 2000 characters or fewer" } });
  });

  it("counts a CRLF line break as one character", () => {
    const note = `${"x".repeat(999)}\r\n${"x".repeat(1000)}`;
    const result = decideLines({ lines: LINES, decisions: [{ lineId: "a", decision: "APPROVE", note }, approveAll[1]] });
    expect(result).toMatchObject({
      ok: true,
      lines: [{ id: "a", note: `${"x".repeat(999)}\n${"x".repeat(1000)}` }, { id: "b" }],
    });
  });
});

describe("decideLines: outcome", () => {
  it("approves every line at the claimed amount", () => {
    expect(decideLines({ lines: LINES, decisions: approveAll })).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1740,
      lines: [
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null },
        { id: "b", decision: "APPROVED", approvedPence: 500, note: null },
      ],
    });
  });

  it("mixed decisions approve the claim with the right total, in the claim's line order", () => {
    const lines = [...LINES, { id: "c", claimedPence: 3000 }];
    const result = decideLines({
      lines,
      decisions: [
        { lineId: "c", decision: "APPROVE_DIFFERENT", approvedPence: 2575, note: "Mileage recalculated" },
        { lineId: "b", decision: "REJECT", note: "No receipt" },
        { lineId: "a", decision: "APPROVE" },
      ],
      rejectionReason: "NO_EVIDENCE",
    });
    expect(result).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240 + 2575,
      lines: [
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null },
        { id: "b", decision: "REJECTED", approvedPence: null, note: "No receipt" },
        { id: "c", decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence: 2575, note: "Mileage recalculated" },
      ],
    });
  });

  const rejectAll: LineDecisionInput[] = [
    { lineId: "a", decision: "REJECT" },
    { lineId: "b", decision: "REJECT" },
  ];

  it("every line rejected without a reason is refused", () => {
    expect(decideLines({ lines: LINES, decisions: rejectAll })).toEqual({
      ok: false,
      errors: { rejectionReason: "Choose a reason for rejecting the claim" },
    });
    expect(decideLines({ lines: LINES, decisions: rejectAll, rejectionReason: " " })).toEqual({
      ok: false,
      errors: { rejectionReason: "Choose a reason for rejecting the claim" },
    });
  });

  it("every line rejected with a reason not on the list is refused", () => {
    expect(decideLines({ lines: LINES, decisions: rejectAll, rejectionReason: "BORED" })).toEqual({
      ok: false,
      errors: { rejectionReason: "Choose a reason from the list" },
    });
  });

  it("every line rejected with a reason rejects the claim", () => {
    expect(decideLines({ lines: LINES, decisions: rejectAll, rejectionReason: "DUPLICATE" })).toEqual({
      ok: true,
      outcome: "REJECTED",
      reason: "DUPLICATE",
      lines: [
        { id: "a", decision: "REJECTED", approvedPence: null, note: null },
        { id: "b", decision: "REJECTED", approvedPence: null, note: null },
      ],
    });
  });

  it("asks for the reason alongside other errors when every line is rejected", () => {
    const result = decideLines({ lines: LINES, decisions: [rejectAll[0], { ...rejectAll[1], note: "z".repeat(2001) }] });
    expect(result).toEqual({
      ok: false,
      errors: {
        "line-b-note": "The note must be 2000 characters or fewer",
        rejectionReason: "Choose a reason for rejecting the claim",
      },
    });
  });
});

describe("REJECTION_REASONS", () => {
  it("is the fixed list of codes and labels", () => {
    expect(REJECTION_REASONS).toEqual([
      { code: "NOT_ELIGIBLE", label: "Not eligible for the scheme" },
      { code: "NOT_QUALIFYING_VISIT", label: "Not a qualifying visit" },
      { code: "NO_EVIDENCE", label: "No receipts or evidence" },
      { code: "DUPLICATE", label: "Duplicate of another claim" },
      { code: "OUTSIDE_TIME_LIMIT", label: "Claimed outside the time limit" },
      { code: "OTHER", label: "Other" },
    ]);
  });

  it("re-exports parsePoundsToPence for the amount field", () => {
    expect(parsePoundsToPence("£12.40")).toBe(1240);
  });
});
