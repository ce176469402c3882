// The property: over random payment sets, the AccessPay CSV total = the ADI journal's
// debit = its credit = the sum of the batch's payments, and every payment is on exactly one line.
// Runs the same formatter, filler and read-back the run uses (run-prepare-direct-payment-files).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatAccessPay } from "./accesspay/format-accesspay";
import { parsePence, prng, randomPaymentSet } from "./accesspay/random-payment-sets.test-helper";
import { fillAdiJournal } from "./adi-journal/fill-adi-journal";
import { assertBatchTotals } from "./batch-totals";
import { loadAdiJournalTotals } from "./load-adi-journal-totals";

const template = readFileSync(path.join(process.cwd(), "templates", "adi-journal-demo.xlsx"));
const SETS = 200;

describe("batch totals: CSV, journal debit and credit agree with the payments", () => {
  it(`holds over ${SETS} random payment sets`, { timeout: 120_000 }, async () => {
    const random = prng(20261122);
    let checked = 0;
    for (let set = 0; set < SETS; set++) {
      const inputs = randomPaymentSet(random, set, 60);
      const file = formatAccessPay(inputs);
      if (file.lines.length === 0) continue; // nothing to pay: no journal
      checked += 1;

      // Every payment is on exactly one line or excluded with a reason, never both, never twice.
      const onLines = file.lines.map((l) => l.paymentId);
      expect(new Set(onLines).size).toBe(onLines.length);
      expect([...onLines, ...file.excluded.map((e) => e.paymentId)].sort()).toEqual(inputs.map((p) => p.paymentId).sort());

      const paid = new Set(onLines);
      const paymentsTotalPence = inputs.filter((p) => paid.has(p.paymentId)).reduce((sum, p) => sum + p.amountPence, 0);
      const csvTotalPence = file.text
        .trimEnd()
        .split("\n")
        .reduce((sum, row) => sum + parsePence(row.split(",")[3]), 0);
      const journal = await fillAdiJournal({
        template,
        runStartedAt: new Date("2026-11-22T00:00:00Z"),
        totalPence: file.totalPence,
      });
      const { debitPounds, creditPounds } = await loadAdiJournalTotals(journal);

      expect(csvTotalPence).toBe(paymentsTotalPence);
      expect(file.totalPence).toBe(paymentsTotalPence);
      expect(Math.round(debitPounds * 100)).toBe(paymentsTotalPence);
      expect(Math.round(creditPounds * 100)).toBe(paymentsTotalPence);
      // The run's own guard agrees (it throws on any disagreement).
      expect(() =>
        assertBatchTotals({
          csvTotalPence,
          journalDebitPounds: debitPounds,
          journalCreditPounds: creditPounds,
          paymentsTotalPence,
        }),
      ).not.toThrow();
    }
    expect(checked).toBeGreaterThan(SETS * 0.8);
  });

  it("the guard refuses a journal a penny out", () => {
    expect(() =>
      assertBatchTotals({
        csvTotalPence: 12399,
        journalDebitPounds: 123.98,
        journalCreditPounds: 123.99,
        paymentsTotalPence: 12399,
      }),
    ).toThrow();
  });
});
