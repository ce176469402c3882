import { describe, expect, it } from "vitest";

import { assertBatchTotals } from "./batch-totals";

const agreeing = {
  csvTotalPence: 1234567,
  journalDebitPounds: 12345.67,
  journalCreditPounds: 12345.67,
  paymentsTotalPence: 1234567,
};

describe("assertBatchTotals", () => {
  it("passes when everything agrees to the penny", () => {
    expect(() => assertBatchTotals(agreeing)).not.toThrow();
    // Floats whose * 100 lands just off the integer still count as whole pence.
    expect(() =>
      assertBatchTotals({ csvTotalPence: 1005, journalDebitPounds: 10.05, journalCreditPounds: 10.05, paymentsTotalPence: 1005 }),
    ).not.toThrow();
    expect(10.05 * 100).not.toBe(1005);
  });

  it("accepts any whole-pence total written to the journal as pence / 100", () => {
    // The filler writes totalPence / 100; reading that back must always pass the check.
    for (let p = 1; p < 1e12; p = p * 7 + 13) {
      expect(() =>
        assertBatchTotals({ csvTotalPence: p, journalDebitPounds: p / 100, journalCreditPounds: p / 100, paymentsTotalPence: p }),
      ).not.toThrow();
    }
  });

  it.each([
    [{ csvTotalPence: 1234566 }, /AccessPay file total differ/],
    [{ journalDebitPounds: 12345.66 }, /ADI journal debit differ/],
    [{ journalCreditPounds: 12345.68 }, /ADI journal credit differ/],
    [{ paymentsTotalPence: 1 }, /AccessPay file total and ADI journal debit and ADI journal credit differ/],
  ])("names the mismatch in %o", (change, message) => {
    expect(() => assertBatchTotals({ ...agreeing, ...change })).toThrow(message);
  });

  it("lists every figure in pence in the message", () => {
    expect(() => assertBatchTotals({ ...agreeing, journalDebitPounds: 1 })).toThrow(
      "(payments total 1234567p, AccessPay file total 1234567p, ADI journal debit 100p, ADI journal credit 1234567p)",
    );
  });

  it.each([
    [{ journalDebitPounds: 12345.675 }, /ADI journal debit is not a whole number of pence/],
    [{ journalCreditPounds: Number.NaN }, /ADI journal credit is not a whole number of pence/],
    [{ csvTotalPence: 1.5 }, /AccessPay file total is not a whole number of pence/],
  ])("refuses a figure that is not whole pence: %o", (change, message) => {
    expect(() => assertBatchTotals({ ...agreeing, ...change })).toThrow(message);
  });
});
