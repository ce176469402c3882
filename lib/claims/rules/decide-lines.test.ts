import { describe, expect, it } from "vitest";
import {
  decideLines,
  FORM_ERROR_FIELD,
  lineFieldName,
  parsePoundsToPence,
  REJECTION_REASONS,
  type ExpenseLineInput,
  type LineDecisionInput,
} from "./decide-lines";

const LINES: ExpenseLineInput[] = [
  { id: "a", lineNo: 1, typeLabel: "Train", claimedPence: 1240 },
  { id: "b", lineNo: 2, typeLabel: "Taxi", claimedPence: 500 },
];
const approveAll: LineDecisionInput[] = [
  { lineId: "a", decision: "APPROVE" },
  { lineId: "b", decision: "APPROVE" },
];

describe("decideLines: every line decided exactly once", () => {
  it("reports a missing line on its decision field, naming the line", () => {
    expect(decideLines({ lines: LINES, decisions: [{ lineId: "a", decision: "APPROVE" }] })).toEqual({
      ok: false,
      errors: { "line-b-decision": "Line 2, Taxi: choose a decision" },
    });
  });

  it("reports a line decided twice", () => {
    const result = decideLines({
      lines: LINES,
      decisions: [...approveAll, { lineId: "b", decision: "REJECT", reason: "DUPLICATE" }],
    });
    expect(result).toEqual({
      ok: false,
      errors: { "line-b-decision": "Line 2, Taxi: this expense line has been decided more than once" },
    });
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

  it("names fields line-<id>-<part>", () => {
    expect(["decision", "amount", "note", "reason", "otherReason"].map((p) => lineFieldName("x1", p as never))).toEqual([
      "line-x1-decision",
      "line-x1-amount",
      "line-x1-note",
      "line-x1-reason",
      "line-x1-otherReason",
    ]);
  });
});

describe("decideLines: approving a different amount", () => {
  const different = (approvedPence: number | null | undefined, note: string | null = "Receipt shows less") =>
    decideLines({
      lines: LINES,
      decisions: [
        { lineId: "a", decision: "APPROVE_DIFFERENT", approvedPence, note },
        { lineId: "b", decision: "REJECT", reason: "NO_EVIDENCE" },
      ],
    });

  it("refuses an amount of 0 or below", () => {
    for (const pence of [0, -5]) {
      expect(different(pence)).toEqual({
        ok: false,
        errors: { "line-a-amount": "Line 1, Train: the approved amount must be more than £0.00" },
      });
    }
  });

  it("refuses an amount above the claimed amount, naming it in pounds", () => {
    expect(different(1241)).toEqual({
      ok: false,
      errors: { "line-a-amount": "Line 1, Train: the approved amount must be no more than the £12.40 claimed" },
    });
  });

  it("refuses a missing or fractional amount", () => {
    expect(different(undefined)).toEqual({ ok: false, errors: { "line-a-amount": "Line 1, Train: enter the approved amount" } });
    expect(different(null)).toEqual({ ok: false, errors: { "line-a-amount": "Line 1, Train: enter the approved amount" } });
    expect(different(12.5)).toEqual({
      ok: false,
      errors: { "line-a-amount": "Line 1, Train: enter the approved amount in pounds and pence, for example 12.50" },
    });
  });

  it("allows an amount equal to the claimed amount, and 1p", () => {
    expect(different(1240)).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240,
      lines: [
        { id: "a", decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence: 1240, note: "Receipt shows less", reasonCode: null },
        { id: "b", decision: "REJECTED", approvedPence: null, note: "No receipts or evidence", reasonCode: "NO_EVIDENCE" },
      ],
    });
    expect(different(1)).toMatchObject({ ok: true, outcome: "APPROVED", approvedTotalPence: 1 });
  });

  it("requires a note, and counts one of spaces as none", () => {
    for (const note of [null, "   "]) {
      expect(different(1000, note)).toEqual({
        ok: false,
        errors: { "line-a-note": "Line 1, Train: enter a note explaining the different amount" },
      });
    }
  });

  it("refuses a 2001-character note and accepts 2000, a CRLF counting as one", () => {
    expect(different(1000, "x".repeat(2001))).toEqual({
      ok: false,
      errors: { "line-a-note": "Line 1, Train: the note must be 2,000 characters or fewer" },
    });
    expect(different(1000, `${"x".repeat(999)}\r\n${"x".repeat(1000)}`)).toMatchObject({
      ok: true,
      lines: [{ note: `${"x".repeat(999)}\n${"x".repeat(1000)}` }, {}],
    });
  });

  it("reports amount and note errors together", () => {
    expect(different(0, "")).toEqual({
      ok: false,
      errors: {
        "line-a-amount": "Line 1, Train: the approved amount must be more than £0.00",
        "line-a-note": "Line 1, Train: enter a note explaining the different amount",
      },
    });
  });
});

describe("decideLines: rejecting a line needs a reason", () => {
  const reject = (reason: string | null, otherReason: string | null = null) =>
    decideLines({ lines: LINES, decisions: [approveAll[0], { lineId: "b", decision: "REJECT", reason, otherReason }] });

  it("refuses a rejected line with no reason, or one not on the list", () => {
    for (const reason of [null, "", " "]) {
      expect(reject(reason)).toEqual({
        ok: false,
        errors: { "line-b-reason": "Line 2, Taxi: choose a reason for rejecting this line" },
      });
    }
    expect(reject("BORED")).toEqual({ ok: false, errors: { "line-b-reason": "Line 2, Taxi: choose a reason from the list" } });
  });

  it("keeps the list's words as the line's note, with the code", () => {
    expect(reject("OUTSIDE_TIME_LIMIT")).toMatchObject({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240,
      lines: [
        { id: "a", note: null, reasonCode: null },
        { id: "b", decision: "REJECTED", note: "Claimed outside the time limit", reasonCode: "OUTSIDE_TIME_LIMIT" },
      ],
    });
  });

  it("takes the caseworker's words for Other, on one line, and refuses Other without them", () => {
    expect(reject("OTHER")).toEqual({
      ok: false,
      errors: { "line-b-otherReason": "Line 2, Taxi: enter the reason for rejecting this line" },
    });
    expect(reject("OTHER", "  \r\n ")).toMatchObject({ ok: false });
    expect(reject("OTHER", "x".repeat(501))).toEqual({
      ok: false,
      errors: { "line-b-otherReason": "Line 2, Taxi: the reason must be 500 characters or fewer" },
    });
    expect(reject("OTHER", " The taxi was\r\nbooked by the prison ")).toMatchObject({
      ok: true,
      lines: [{}, { note: "The taxi was booked by the prison", reasonCode: "OTHER" }],
    });
  });

  it("ignores a note, amount or reason that belongs to another choice", () => {
    const result = decideLines({
      lines: LINES,
      decisions: [
        { lineId: "a", decision: "APPROVE", note: "typed before choosing", approvedPence: 5, reason: "DUPLICATE" },
        { lineId: "b", decision: "REJECT", reason: "DUPLICATE", note: "n", approvedPence: 100 },
      ],
    });
    expect(result).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240,
      lines: [
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null, reasonCode: null },
        { id: "b", decision: "REJECTED", approvedPence: null, note: "Duplicate of another claim", reasonCode: "DUPLICATE" },
      ],
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
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null, reasonCode: null },
        { id: "b", decision: "APPROVED", approvedPence: 500, note: null, reasonCode: null },
      ],
    });
  });

  it("mixed decisions approve the claim with the right total, in the claim's line order", () => {
    const lines = [...LINES, { id: "c", lineNo: 3, typeLabel: "Car mileage", claimedPence: 3000 }];
    const result = decideLines({
      lines,
      decisions: [
        { lineId: "c", decision: "APPROVE_DIFFERENT", approvedPence: 2575, note: "Mileage recalculated" },
        { lineId: "b", decision: "REJECT", reason: "NO_EVIDENCE" },
        { lineId: "a", decision: "APPROVE" },
      ],
    });
    expect(result).toEqual({
      ok: true,
      outcome: "APPROVED",
      approvedTotalPence: 1240 + 2575,
      lines: [
        { id: "a", decision: "APPROVED", approvedPence: 1240, note: null, reasonCode: null },
        { id: "b", decision: "REJECTED", approvedPence: null, note: "No receipts or evidence", reasonCode: "NO_EVIDENCE" },
        {
          id: "c",
          decision: "APPROVED_DIFFERENT_AMOUNT",
          approvedPence: 2575,
          note: "Mileage recalculated",
          reasonCode: null,
        },
      ],
    });
  });

  it("every line rejected rejects the claim, its reason the lines' reasons, each once", () => {
    const lines = [...LINES, { id: "c", lineNo: 3, typeLabel: "Bus", claimedPence: 300 }];
    expect(
      decideLines({
        lines,
        decisions: [
          { lineId: "a", decision: "REJECT", reason: "DUPLICATE" },
          { lineId: "b", decision: "REJECT", reason: "NO_EVIDENCE" },
          { lineId: "c", decision: "REJECT", reason: "DUPLICATE" },
        ],
      }),
    ).toMatchObject({ ok: true, outcome: "REJECTED", reason: "Duplicate of another claim; No receipts or evidence" });
    expect(
      decideLines({
        lines: LINES,
        decisions: [
          { lineId: "a", decision: "REJECT", reason: "DUPLICATE" },
          { lineId: "b", decision: "REJECT", reason: "DUPLICATE" },
        ],
      }),
    ).toMatchObject({ ok: true, outcome: "REJECTED", reason: "Duplicate of another claim" });
  });

  it("reports every line's errors at once", () => {
    const result = decideLines({
      lines: LINES,
      decisions: [
        { lineId: "a", decision: "REJECT" },
        { lineId: "b", decision: "APPROVE_DIFFERENT", approvedPence: 600 },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        "line-a-reason": "Line 1, Train: choose a reason for rejecting this line",
        "line-b-amount": "Line 2, Taxi: the approved amount must be no more than the £5.00 claimed",
        "line-b-note": "Line 2, Taxi: enter a note explaining the different amount",
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
