import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { errorReportCsv } from "@/lib/uploads/upload-report";

import { matchPaymentCodes, paymentCodesToApply, type BatchPayment, type OtherBatch } from "../match-payment-codes";
import { PAYMENT_CODE_REPORT_COLUMNS, parsePaymentCodesFile } from "../parse-payment-codes";

/**
 * The input corpus for the Payout payment-code upload: every file in ./corpus goes through the real
 * path (bytes -> parse -> match) against batch-1's payments below, and must give exactly the
 * outcomes in CASES. good-* files must apply; bad-* files must have an error and apply nothing.
 */

const CORPUS = fileURLToPath(new URL("./corpus/", import.meta.url));
const BATCH = "batch-1";

function payment(
  reference: string,
  amountPence: number,
  status: BatchPayment["status"] = "SENT",
  more: Partial<BatchPayment> = {},
): BatchPayment {
  return { paymentId: `pay-${reference}`, reference, amountPence, status, batchId: BATCH, code: null, ...more };
}

/** What the shell would load: the payments on batch-1's file lines, as they are now. */
const PAYMENTS: BatchPayment[] = [
  payment("7KQ2M9X-01", 1250),
  payment("8ABCD23-01", 12399),
  payment("9XYZ234-01", 1, "SENT", { code: "ABCDEFGH23456" }),
  payment("4RMN56P-01", 123450),
  payment("5NEW67K-01", 5000, "NEW", { batchId: null }), // an admin returned it to NEW
  payment("6CNC78M-01", 4500, "CANCELLED"), // the Post Office cancelled it
  payment("7HAS89Q-01", 6000, "SENT", { code: "HASCODE000001" }),
  payment("8MVD90R-01", 7000, "SENT", { batchId: "batch-9" }), // returned, then sent again in batch-9
];
const OTHER_BATCHES = new Map<string, OtherBatch>([["2OTH34B-01", { batchId: "batch-0", fileName: "PAYOUT_27112026_001.csv" }]]);
const EXISTING_CODES = new Set(["ABCDEFGH23456", "HASCODE000001", "USEDCODE00001"]);

type Expected =
  | { lineNo: number; outcome: "MATCHED"; payment: string; code: string }
  | { lineNo: number; outcome: "UNCHANGED"; payment: string }
  | { lineNo: number; outcome: "ERROR"; message: RegExp };

const matched = (lineNo: number, payment: string, code: string): Expected => ({ lineNo, outcome: "MATCHED", payment, code });
const unchanged = (lineNo: number, payment: string): Expected => ({ lineNo, outcome: "UNCHANGED", payment });
const error = (lineNo: number, message: RegExp): Expected => ({ lineNo, outcome: "ERROR", message });

const C1 = "K7QX2M9PLA4TZ";
const C2 = "B8CD23EFGH456";
const C4 = "R4MN56PQRS789";

const CASES: Record<string, Expected[]> = {
  // Accepted shapes.
  "good-basic.csv": [matched(1, "7KQ2M9X-01", C1), matched(2, "8ABCD23-01", C2), matched(3, "4RMN56P-01", C4)],
  "good-bom-crlf.csv": [matched(1, "7KQ2M9X-01", C1), matched(2, "8ABCD23-01", C2)],
  "good-quoted-fields.csv": [matched(1, "7KQ2M9X-01", C1), matched(2, "8ABCD23-01", C2)], // a comma inside quotes
  "good-trailing-blank-lines.csv": [matched(1, "7KQ2M9X-01", C1)],
  "good-no-final-newline.csv": [matched(1, "8ABCD23-01", C2)],
  "good-fewer-than-batch-and-unchanged.csv": [
    unchanged(1, "9XYZ234-01"), // the code it already has
    unchanged(2, "7HAS89Q-01"),
    matched(3, "7KQ2M9X-01", C1),
  ],
  "good-amount-decimals.csv": [
    matched(1, "7KQ2M9X-01", C1), // "12.5"
    matched(2, "4RMN56P-01", C4), // "1234.5"
    matched(3, "8ABCD23-01", C2),
  ],

  // Bad rows: each message names its line.
  "bad-unknown-reference.csv": [
    matched(1, "7KQ2M9X-01", C1),
    error(2, /^Line 2: unknown reference "ZZZZZZZ-01": no payment of this batch has it$/),
  ],
  "bad-other-batch.csv": [
    error(1, /^Line 1: payment 2OTH34B-01 is in another batch, batch batch-0 \(file PAYOUT_27112026_001\.csv\)/),
  ],
  "bad-amount-mismatch.csv": [error(1, /^Line 1: amount mismatch for 7KQ2M9X-01: file £12\.00, payment £12\.50$/)],
  "bad-duplicate-code.csv": [
    error(1, /^Line 1: payment code "K7QX2M9PLA4TZ" is also on line 2$/),
    error(2, /^Line 2: payment code "K7QX2M9PLA4TZ" is also on line 1$/),
    matched(3, "4RMN56P-01", C4),
  ],
  "bad-duplicate-reference.csv": [
    error(1, /^Line 1: reference "7KQ2M9X-01" is also on line 3$/),
    matched(2, "8ABCD23-01", C2),
    error(3, /^Line 3: reference "7KQ2M9X-01" is also on line 1$/),
  ],
  "bad-code-already-used.csv": [error(1, /^Line 1: payment code "USEDCODE00001" is already used by another payment$/)],
  "bad-code-wrong-length.csv": [
    error(1, /^Line 1: payment code "K7QX2M9PLA4T" has 12 characters, not 13$/),
    error(2, /^Line 2: payment code "B8CD23EFGH4567" has 14 characters, not 13$/),
  ],
  "bad-code-bad-characters.csv": [
    error(1, /^Line 1: payment code "K7QX-M9PLA4TZ" may hold only letters and digits \(found "-"\)$/),
  ],
  "bad-code-missing.csv": [error(1, /^Line 1 has 22 columns; expected 23 \(.*is the code missing\?\)$/)],
  "bad-wrong-column-count.csv": [matched(1, "7KQ2M9X-01", C1), error(2, /^Line 2 has 24 columns; expected 23$/)],
  "bad-payment-not-sent.csv": [error(1, /^Line 1: payment 5NEW67K-01 is NEW, not SENT/)],
  "bad-payment-cancelled.csv": [error(1, /^Line 1: payment 6CNC78M-01 is CANCELLED, not SENT/)],
  "bad-different-code.csv": [error(1, /^Line 1: payment 7HAS89Q-01 already has a different payment code/)],
  "bad-payment-in-later-batch.csv": [error(1, /^Line 1: payment 8MVD90R-01 is now in another batch, batch batch-9$/)],
  "bad-amount-not-a-number.csv": [
    error(1, /^Line 1: amount "£12\.50" is not a number of pounds/),
    error(2, /^Line 2: amount "twelve" is not a number of pounds/),
  ],
  "bad-header-row.csv": [error(1, /^Line 1 looks like a header row/), matched(2, "7KQ2M9X-01", C1)],
  "bad-blank-line-in-middle.csv": [matched(1, "7KQ2M9X-01", C1), error(2, /^Line 2 is blank/), matched(3, "8ABCD23-01", C2)],
  "bad-unclosed-quote.csv": [error(1, /^Line 1 has a quoted field with no closing quote$/)],
  "bad-cr-line-endings.csv": [error(1, /^Line 1 contains a carriage return/)],

  // Whole-file refusals (line 0).
  "bad-binary.csv": [error(0, /binary/)],
  "bad-not-utf8.csv": [error(0, /not UTF-8/)],
  "bad-empty.csv": [error(0, /^The file is empty$/)],
  "bad-only-blank-lines.csv": [error(0, /^The file is empty$/)],
};

function run(file: string) {
  const bytes = new Uint8Array(readFileSync(CORPUS + file));
  const parsed = parsePaymentCodesFile(bytes);
  const result = matchPaymentCodes({
    batchId: BATCH,
    parsed,
    payments: PAYMENTS,
    otherBatches: OTHER_BATCHES,
    existingCodes: EXISTING_CODES,
  });
  return { bytes, parsed, ...result };
}

describe("Payout payment-code corpus", () => {
  it("every corpus file has expectations, and every expectation has a file", () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".csv"))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
    expect(files.filter((f) => f.startsWith("bad-")).length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(CASES))("%s", (file, expected) => {
    const { outcomes, summary } = run(file);
    expect(outcomes.map((o) => [o.lineNo, o.outcome])).toEqual(expected.map((e) => [e.lineNo, e.outcome]));
    expected.forEach((e, i) => {
      const o = outcomes[i];
      if (e.outcome === "ERROR") {
        expect(o.message).toMatch(e.message);
        // Every message names its line, unless the whole file was refused.
        if (e.lineNo > 0) expect(o.message).toMatch(new RegExp(`^Line ${e.lineNo}\\b`));
      } else {
        expect(o.paymentId).toBe(`pay-${e.payment}`);
        if (e.outcome === "MATCHED") expect(o.code).toBe(e.code);
      }
    });

    const changes = paymentCodesToApply(outcomes);
    if (file.startsWith("good-")) {
      expect(summary.anyErrors).toBe(false);
      expect(changes).toEqual(
        expected.flatMap((e) => (e.outcome === "MATCHED" ? [{ paymentId: `pay-${e.payment}`, code: e.code }] : [])),
      );
    } else {
      // Apply nothing: not even the rows that matched.
      expect(summary.anyErrors).toBe(true);
      expect(changes).toEqual([]);
    }
  });

  it.each(Object.keys(CASES).filter((f) => f.startsWith("bad-")))("%s: the error report carries every error", (file) => {
    const { bytes, outcomes } = run(file);
    const report = errorReportCsv(new TextDecoder().decode(bytes), outcomes, { columns: PAYMENT_CODE_REPORT_COLUMNS });
    for (const o of outcomes.filter((x) => x.outcome === "ERROR")) {
      expect(report).toContain(o.message!.replaceAll('"', '""'));
    }
  });
});

describe("Payout payment-code summary", () => {
  it("compares the file with the batch and lists the payments still without a code", () => {
    const { summary } = run("good-bom-crlf.csv");
    expect(summary).toEqual({
      total: 2,
      matched: 2,
      unchanged: 0,
      errors: 0,
      anyErrors: false,
      file: { count: 2, totalPence: 1250 + 12399 },
      // batch-1 now: every payment above but the NEW one and the one re-sent in batch-9.
      batch: { count: 6, totalPence: 1250 + 12399 + 1 + 123450 + 4500 + 6000 },
      // SENT, no code, not in this file (9XYZ234-01 and 7HAS89Q-01 have codes; 6CNC78M-01 is cancelled).
      withoutCode: [{ paymentId: "pay-4RMN56P-01", reference: "4RMN56P-01", amountPence: 123450 }],
    });
  });

  it("lists nothing once a file covers the rest of the batch", () => {
    expect(run("good-basic.csv").summary.withoutCode).toEqual([]);
  });

  it("lists the payments without a code now when the file has errors (nothing is applied)", () => {
    const { summary } = run("bad-unknown-reference.csv");
    expect(summary.withoutCode.map((p) => p.reference)).toEqual(["7KQ2M9X-01", "8ABCD23-01", "4RMN56P-01"]);
    expect(summary.file).toEqual({ count: 2, totalPence: 2500 });
  });
});
