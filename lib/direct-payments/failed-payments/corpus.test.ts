import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { errorReportCsv } from "../../uploads/upload-report";
import { changesToApply, reconcileFailedPayments, summarise, type CandidateFileLine } from "./match-failed-payments";
import { FAILED_PAYMENT_COLUMNS, parseFailedPaymentsFile } from "./parse-failed-payments";

/**
 * The input corpus for the SSCL failed-payments upload: every file in ./corpus goes through the
 * real path (bytes -> parse -> match) against the stored lines below, and must give exactly the
 * outcomes in CASES. good-* files must apply; bad-* files must have an error and apply nothing.
 */

const CORPUS = fileURLToPath(new URL("./corpus/", import.meta.url));

function line(
  n: string,
  paymentReference: string,
  paymentStatus: CandidateFileLine["paymentStatus"],
  bank: [sortCode: string, accountNumber: string, amountPence: number],
  more: Partial<CandidateFileLine> = {},
): CandidateFileLine {
  const [sortCode, accountNumber, amountPence] = bank;
  return {
    fileLineId: `line-${n}`,
    batchId: "batch-1",
    batchIsVoid: false,
    paymentId: `pay-${paymentReference}`,
    paymentReference,
    paymentStatus,
    failureReason: null,
    fileReference: paymentReference,
    sortCode,
    accountNumber,
    amountPence,
    ...more,
  };
}

/** What the shell would load: the lines we sent, with decrypted bank details. */
const STORED: CandidateFileLine[] = [
  line("1", "7KQ2M9X-01", "SENT", ["010203", "12345678", 1250]),
  line("2", "8ABCD23-01", "PAID", ["204060", "87654321", 12399]),
  line("3", "9XYZ234-01", "SENT", ["309070", "11223344", 1200]),
  line("4", "4RMN56P-01", "SENT", ["401020", "55667788", 5000], { fileReference: "ROLL/1234-5" }),
  line("5", "5FAJ67K-01", "FAILED", ["010203", "22223333", 2000], { failureReason: "Account closed" }),
  line("6", "6FAK78M-01", "FAILED", ["010203", "33334444", 3000]),
  line("7", "7NEW89Q-01", "NEW", ["010203", "44445555", 4000], { batchId: "batch-2-open" }),
  line("8", "8VD90RS-01", "NEW", ["010203", "55556666", 4500], { batchId: "batch-3-void", batchIsVoid: true }),
  line("9", "9CNC01T-01", "CANCELLED", ["010203", "66667777", 5500], { batchId: "batch-2-open" }),
  line("10a", "1RSN02V-01", "SENT", ["010203", "77778888", 6000], { batchId: "batch-3-void", batchIsVoid: true }),
  line("10b", "1RSN02V-01", "SENT", ["010203", "77778888", 6000], { batchId: "batch-4" }),
];

type Expected =
  | { lineNo: number; outcome: "MATCHED"; payment: string; fileLine: string; reason: string }
  | { lineNo: number; outcome: "UNCHANGED"; payment: string }
  | { lineNo: number; outcome: "ERROR"; message: RegExp };

const matched = (lineNo: number, payment: string, fileLine: string, reason = "No reason given"): Expected => ({
  lineNo,
  outcome: "MATCHED",
  payment,
  fileLine,
  reason,
});
const unchanged = (lineNo: number, payment: string): Expected => ({ lineNo, outcome: "UNCHANGED", payment });
const error = (lineNo: number, message: RegExp): Expected => ({ lineNo, outcome: "ERROR", message });

const CASES: Record<string, Expected[]> = {
  // Accepted shapes.
  "good-basic.csv": [matched(1, "7KQ2M9X-01", "line-1"), matched(2, "8ABCD23-01", "line-2")], // PAID -> FAILED: a late failure wins
  "good-bom-crlf.csv": [matched(1, "7KQ2M9X-01", "line-1", "Account closed"), matched(2, "9XYZ234-01", "line-3", "No account")],
  "good-quoted-fields.csv": [
    matched(1, "7KQ2M9X-01", "line-1", "Account closed, refer to payer"),
    matched(2, "9XYZ234-01", "line-3"),
  ],
  "good-trailing-blank-lines.csv": [matched(1, "7KQ2M9X-01", "line-1")],
  "good-no-final-newline.csv": [matched(1, "7KQ2M9X-01", "line-1")],
  "good-reason-column-optional.csv": [
    matched(1, "7KQ2M9X-01", "line-1", "Beneficiary deceased"),
    matched(2, "8ABCD23-01", "line-2"),
    matched(3, "9XYZ234-01", "line-3"), // empty sixth column = no reason
  ],
  "good-amount-decimals.csv": [
    matched(1, "9XYZ234-01", "line-3"), // "12"
    matched(2, "7KQ2M9X-01", "line-1"), // "12.5"
    matched(3, "8ABCD23-01", "line-2"), // "123.99"
  ],
  "good-roll-number.csv": [matched(1, "4RMN56P-01", "line-4", "Invalid roll number")],
  "good-already-failed-same-reason.csv": [
    unchanged(1, "5FAJ67K-01"), // "account  closed" = "Account closed"
    unchanged(2, "6FAK78M-01"), // no reason, stored none
    matched(3, "7KQ2M9X-01", "line-1", "Account closed"),
  ],
  "good-resent-after-void.csv": [matched(1, "1RSN02V-01", "line-10b")],

  // The twelve required bad cases.
  "bad-wrong-column-count.csv": [matched(1, "7KQ2M9X-01", "line-1"), error(2, /^Line 2 has 4 columns; expected 5 or 6$/)],
  "bad-unknown-line.csv": [matched(1, "7KQ2M9X-01", "line-1"), error(2, /^Line 2: unknown line: .*"ZZZZZZZ-01"/)],
  "bad-amount-mismatch.csv": [error(1, /^Line 1: amount mismatch: file £12\.00, sent £12\.50 for 7KQ2M9X-01$/)],
  "bad-sort-code-mismatch.csv": [matched(1, "8ABCD23-01", "line-2"), error(2, /^Line 2: sort code mismatch for 7KQ2M9X-01$/)],
  "bad-account-mismatch.csv": [error(1, /^Line 1: account number mismatch for 7KQ2M9X-01$/)],
  "bad-duplicate-row.csv": [
    error(1, /^Line 1: duplicate row \(also line 3\)/),
    matched(2, "8ABCD23-01", "line-2"),
    error(3, /^Line 3: duplicate row \(also line 1\)/),
  ],
  "bad-empty.csv": [error(0, /^The file is empty$/)],
  "bad-binary.csv": [error(0, /binary/)],
  "bad-header-row.csv": [error(1, /^Line 1 looks like a header row/), matched(2, "7KQ2M9X-01", "line-1")],
  "bad-payment-not-sent.csv": [error(1, /^Line 1: payment not sent: payment 7NEW89Q-01 is NEW$/)],
  "bad-voided-batch.csv": [error(1, /^Line 1: line of a voided batch: .*batch-3-void/)],
  "bad-more-than-two-decimals.csv": [
    matched(1, "7KQ2M9X-01", "line-1"),
    error(2, /^Line 2: amount "12\.005" has more than two decimal places$/),
  ],

  // More bad shapes.
  "bad-unquoted-comma.csv": [error(1, /^Line 1 has 7 columns; expected 5 or 6$/)],
  "bad-only-blank-lines.csv": [error(0, /^The file is empty$/)],
  "bad-not-utf8.csv": [error(0, /not UTF-8/)],
  "bad-payment-cancelled.csv": [error(1, /^Line 1: payment not sent: payment 9CNC01T-01 is CANCELLED$/)],
  "bad-non-numeric-amount.csv": [
    error(1, /^Line 1: amount "£12\.50" is not a number of pounds/),
    error(2, /^Line 2: amount "twelve" is not a number of pounds/),
  ],
  "bad-zero-or-negative-amount.csv": [
    error(1, /^Line 1: amount "0\.00" must be greater than zero$/),
    error(2, /^Line 2: amount "-12\.00" must be greater than zero$/),
  ],
  "bad-sort-code-format.csv": [
    error(1, /^Line 1: sort code "01-02-03" must be exactly 6 digits, no dashes or spaces$/),
    error(2, /^Line 2: sort code "10203" .*dropped leading zeros/),
  ],
  "bad-account-format.csv": [
    error(1, /^Line 1: account number "1234567" must be exactly 8 digits .*dropped leading zeros/),
    error(2, /^Line 2: account number "1234567X" must be exactly 8 digits$/),
  ],
  "bad-different-reason.csv": [error(1, /^Line 1: payment 5FAJ67K-01 already failed with a different reason/)],
  "bad-blank-line-in-middle.csv": [
    matched(1, "7KQ2M9X-01", "line-1"),
    error(2, /^Line 2 is blank/),
    matched(3, "8ABCD23-01", "line-2"),
  ],
  "bad-unclosed-quote.csv": [error(1, /^Line 1 has a quoted field with no closing quote$/)],
  "bad-cr-line-endings.csv": [error(1, /^Line 1 contains a carriage return/)],
};

function run(file: string) {
  const bytes = new Uint8Array(readFileSync(CORPUS + file));
  const outcomes = reconcileFailedPayments(parseFailedPaymentsFile(bytes), STORED);
  return { bytes, outcomes };
}

describe("failed-payments corpus", () => {
  it("every corpus file has expectations, and every expectation has a file", () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".csv"))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s", (file, expected) => {
    const { outcomes } = run(file);
    expect(outcomes.map((o) => [o.lineNo, o.outcome])).toEqual(expected.map((e) => [e.lineNo, e.outcome]));
    expected.forEach((e, i) => {
      const o = outcomes[i];
      if (e.outcome === "ERROR") {
        expect(o.message).toMatch(e.message);
        // Every message names its line, unless the whole file was refused.
        if (e.lineNo > 0) expect(o.message).toMatch(new RegExp(`^Line ${e.lineNo}\\b`));
      } else {
        expect(o.paymentId).toBe(`pay-${e.payment}`);
        if (e.outcome === "MATCHED") {
          expect(o.fileLineId).toBe(e.fileLine);
          expect(o.failureReason).toBe(e.reason);
        }
      }
    });

    const summary = summarise(outcomes);
    const changes = changesToApply(outcomes);
    if (file.startsWith("good-")) {
      expect(summary.anyErrors).toBe(false);
      expect(changes).toEqual(
        expected.flatMap((e) =>
          e.outcome === "MATCHED" ? [{ paymentId: `pay-${e.payment}`, fileLineId: e.fileLine, failureReason: e.reason }] : [],
        ),
      );
    } else {
      // Apply nothing: not even the rows that matched.
      expect(summary.anyErrors).toBe(true);
      expect(changes).toEqual([]);
    }
  });

  it.each(Object.keys(CASES).filter((f) => f.startsWith("bad-")))("%s: the error report carries every error", (file) => {
    const { bytes, outcomes } = run(file);
    const text = new TextDecoder().decode(bytes);
    const report = errorReportCsv(text, outcomes, { columns: FAILED_PAYMENT_COLUMNS });
    expect(report.startsWith("\uFEFFSort code,Account number,Name,Amount,Reference,Reason")).toBe(true);
    expect(report).not.toContain("\r\n");
    expect(report.endsWith("\n")).toBe(true);
    for (const o of outcomes.filter((x) => x.outcome === "ERROR")) {
      // Papaparse doubles quotes inside a quoted cell.
      expect(report).toContain(o.message!.replaceAll('"', '""'));
    }
  });
});
