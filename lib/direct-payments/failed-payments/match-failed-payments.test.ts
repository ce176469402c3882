import { describe, expect, it } from "vitest";
import {
  changesToApply,
  matchFailedPayments,
  NO_REASON_GIVEN,
  reconcileFailedPayments,
  summarise,
  type CandidateFileLine,
} from "./match-failed-payments";
import type { FailedPaymentRow } from "./parse-failed-payments";

const stored = (more: Partial<CandidateFileLine> = {}): CandidateFileLine => ({
  fileLineId: "line-1",
  batchId: "batch-1",
  batchIsVoid: false,
  paymentId: "pay-1",
  paymentReference: "7KQ2M9X-01",
  paymentStatus: "SENT",
  failureReason: null,
  fileReference: "7KQ2M9X-01",
  sortCode: "010203",
  accountNumber: "12345678",
  amountPence: 1250,
  ...more,
});

const row = (more: Partial<FailedPaymentRow> = {}): FailedPaymentRow => ({
  lineNo: 1,
  sortCode: "010203",
  accountNumber: "12345678",
  name: "Tom Swann",
  amountPence: 1250,
  reference: "7KQ2M9X-01",
  reason: null,
  ...more,
});

const one = (r: FailedPaymentRow, lines: CandidateFileLine[]) => matchFailedPayments([r], lines)[0];

describe("matchFailedPayments", () => {
  it.each(["SENT", "PAID"] as const)("matches a %s payment, storing the reason or 'No reason given'", (paymentStatus) => {
    expect(one(row(), [stored({ paymentStatus })])).toEqual({
      lineNo: 1,
      outcome: "MATCHED",
      paymentId: "pay-1",
      fileLineId: "line-1",
      failureReason: NO_REASON_GIVEN,
    });
    expect(one(row({ reason: "Account closed" }), [stored({ paymentStatus })]).failureReason).toBe("Account closed");
  });

  it("matches references without regard to case", () => {
    expect(one(row({ reference: "7kq2m9x-01" }), [stored()]).outcome).toBe("MATCHED");
  });

  it.each([
    [null, null],
    [null, NO_REASON_GIVEN],
    [NO_REASON_GIVEN, null],
    ["Account closed", "Account closed"],
    ["Account closed", "  ACCOUNT   closed "],
  ])("already FAILED with %j, row says %j: unchanged", (storedReason, rowReason) => {
    expect(one(row({ reason: rowReason }), [stored({ paymentStatus: "FAILED", failureReason: storedReason })])).toEqual({
      lineNo: 1,
      outcome: "UNCHANGED",
      paymentId: "pay-1",
      fileLineId: "line-1",
    });
  });

  it("already FAILED with a different reason: an error naming both reasons", () => {
    const o = one(row({ lineNo: 4, reason: "Insufficient funds" }), [
      stored({ paymentStatus: "FAILED", failureReason: "Account closed" }),
    ]);
    expect(o.outcome).toBe("ERROR");
    expect(o.message).toBe(
      'Line 4: payment 7KQ2M9X-01 already failed with a different reason ("Account closed"; this file says "Insufficient funds")',
    );
  });

  it.each(["NEW", "CANCELLED", "CASHED", "EXPIRED"] as const)("a %s payment was not sent", (paymentStatus) => {
    expect(one(row(), [stored({ paymentStatus })]).message).toBe(
      `Line 1: payment not sent: payment 7KQ2M9X-01 is ${paymentStatus}`,
    );
  });

  it("unknown reference", () => {
    expect(one(row({ reference: "NOPE" }), [stored()]).message).toBe(
      'Line 1: unknown line: no AccessPay line was sent with reference "NOPE"',
    );
    expect(one(row(), []).outcome).toBe("ERROR");
  });

  it("names every value that disagrees, without echoing the stored bank details", () => {
    const o = one(row({ sortCode: "999999", accountNumber: "88888888", amountPence: 1200 }), [stored()]);
    expect(o.message).toBe(
      "Line 1: sort code mismatch; account number mismatch; amount mismatch: file £12.00, sent £12.50 for 7KQ2M9X-01",
    );
    expect(o.message).not.toContain("010203");
    expect(o.message).not.toContain("12345678");
  });

  it("for a roll number, names the payment as well, and compares against the closest line", () => {
    const lines = [
      stored({
        fileReference: "ROLL-1",
        paymentReference: "AAAAAAA-01",
        paymentId: "a",
        sortCode: "111111",
        accountNumber: "11111111",
      }),
      stored({ fileReference: "ROLL-1", paymentReference: "BBBBBBB-01", paymentId: "b", amountPence: 9999 }),
    ];
    expect(one(row({ reference: "ROLL-1" }), lines).message).toBe(
      "Line 1: amount mismatch: file £12.50, sent £99.99 for ROLL-1 (payment BBBBBBB-01)",
    );
  });

  it("two sent payments with the same roll number, bank details and amount: ambiguous, so an error", () => {
    const lines = [
      stored({ fileReference: "ROLL-1", paymentReference: "AAAAAAA-01", paymentId: "a", fileLineId: "la" }),
      stored({ fileReference: "ROLL-1", paymentReference: "BBBBBBB-01", paymentId: "b", fileLineId: "lb", batchId: "batch-2" }),
    ];
    expect(one(row({ reference: "ROLL-1" }), lines).message).toMatch(
      /^Line 1: matches more than one sent payment \(AAAAAAA-01, BBBBBBB-01\)/,
    );
  });

  it("a line of a voided batch is an error; a live line for the same payment wins over it", () => {
    const voided = stored({ batchId: "batch-void", batchIsVoid: true, paymentStatus: "NEW", fileLineId: "line-void" });
    expect(one(row(), [voided]).message).toBe(
      "Line 1: line of a voided batch: payment 7KQ2M9X-01 was in batch batch-void, which was voided",
    );
    const resent = stored({ batchId: "batch-2", fileLineId: "line-2" });
    expect(one(row(), [voided, { ...resent }])).toMatchObject({ outcome: "MATCHED", fileLineId: "line-2" });
    expect(one(row(), [{ ...voided, paymentStatus: "SENT" }, resent])).toMatchObject({
      outcome: "MATCHED",
      fileLineId: "line-2",
    });
  });

  it("rows for the same payment are all errors, each naming the others", () => {
    const outcomes = matchFailedPayments(
      [
        row({ lineNo: 1 }),
        row({ lineNo: 2, reference: "OTHER", accountNumber: "22222222" }),
        row({ lineNo: 3 }),
        row({ lineNo: 5, reason: "x" }),
      ],
      [
        stored(),
        stored({
          paymentId: "pay-2",
          fileLineId: "line-2",
          fileReference: "OTHER",
          paymentReference: "OTHER",
          accountNumber: "22222222",
        }),
      ],
    );
    expect(outcomes.map((o) => [o.lineNo, o.outcome, o.message])).toEqual([
      [1, "ERROR", "Line 1: duplicate row (also line 3, 5) for the same payment"],
      [2, "MATCHED", undefined],
      [3, "ERROR", "Line 3: duplicate row (also line 1, 5) for the same payment"],
      [5, "ERROR", "Line 5: duplicate row (also line 1, 3) for the same payment"],
    ]);
    expect(outcomes[0].failureReason).toBeUndefined();
  });

  it("a row matching an already-failed payment and one matching it afresh are duplicates too", () => {
    const outcomes = matchFailedPayments([row({ lineNo: 1 }), row({ lineNo: 2 })], [stored({ paymentStatus: "FAILED" })]);
    expect(outcomes.map((o) => o.message)).toEqual([
      "Line 1: duplicate row (also line 2) for the same payment",
      "Line 2: duplicate row (also line 1) for the same payment",
    ]);
  });
});

describe("reconcileFailedPayments", () => {
  it("puts parse errors and matches together in line order", () => {
    const outcomes = reconcileFailedPayments(
      { rows: [row({ lineNo: 1 }), row({ lineNo: 3, reference: "NOPE" })], errors: [{ lineNo: 2, message: "Line 2 is blank" }] },
      [stored()],
    );
    expect(outcomes.map((o) => [o.lineNo, o.outcome])).toEqual([
      [1, "MATCHED"],
      [2, "ERROR"],
      [3, "ERROR"],
    ]);
    expect(outcomes[1].message).toBe("Line 2 is blank");
  });
});

describe("summarise and changesToApply", () => {
  const matched = { lineNo: 1, outcome: "MATCHED", paymentId: "p1", fileLineId: "l1", failureReason: "x" } as const;
  const unchanged = { lineNo: 2, outcome: "UNCHANGED", paymentId: "p2", fileLineId: "l2" } as const;
  const bad = { lineNo: 3, outcome: "ERROR", message: "Line 3: no" } as const;

  it("counts outcomes", () => {
    expect(summarise([matched, unchanged, bad, bad])).toEqual({ total: 4, matched: 1, unchanged: 1, errors: 2, anyErrors: true });
    expect(summarise([matched, unchanged])).toMatchObject({ errors: 0, anyErrors: false });
  });

  it("applies the matched rows only, and nothing at all when any row is an error", () => {
    expect(changesToApply([matched, unchanged])).toEqual([{ paymentId: "p1", fileLineId: "l1", failureReason: "x" }]);
    expect(changesToApply([matched, unchanged, bad])).toEqual([]);
  });
});
