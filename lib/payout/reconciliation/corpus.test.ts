import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import {
  matchReconciliation,
  reconciliationChangesToApply,
  summariseReconciliation,
  type Voucher,
} from "../match-reconciliation";
import { parseReconciliationFile, type VoucherFinalStatus } from "../parse-reconciliation";

/**
 * The input corpus for the Payout reconciliation upload: every file in ./corpus goes through the
 * real path (bytes -> parse -> match) against the vouchers below, on TODAY, and must give exactly
 * the outcomes in CASES. good-* files must apply; bad-* files must have an error and apply nothing.
 */

const CORPUS = fileURLToPath(new URL("./corpus/", import.meta.url));
const TODAY = "2026-11-28";

function voucher(
  reference: string,
  amountPence: number,
  code: string | null,
  status: Voucher["status"],
  deliveredOn: string | null,
): Voucher {
  return { paymentId: `pay-${reference}`, reference, amountPence, code, status, deliveredOn };
}

/** What the shell would load: the Payout vouchers with the file's references. */
const VOUCHERS: Voucher[] = [
  voucher("7KQ2M9X-01", 1250, "K7QX2M9PLA4TZ", "SENT", "2026-11-02"),
  voucher("8ABCD23-01", 12399, "B8CD23EFGH456", "SENT", "2026-11-02"),
  voucher("9XYZ234-01", 1, "ABCDEFGH23456", "CASHED", "2026-10-20"),
  voucher("4RMN56P-01", 123450, "R4MN56PQRS789", "EXPIRED", "2026-08-01"),
  voucher("5NOC67K-01", 5000, null, "SENT", "2026-11-02"), // its payment-code file is not in yet
  voucher("6NEW78M-01", 4500, "N6EW78MNOP901", "NEW", "2026-11-02"), // an admin returned its batch
  voucher("7CNC89Q-01", 6000, "C7NC89QRST012", "CANCELLED", "2026-09-01"),
];

type Expected =
  | { lineNo: number; outcome: "MATCHED"; payment: string; status: VoucherFinalStatus; date: string }
  | { lineNo: number; outcome: "UNCHANGED"; payment: string }
  | { lineNo: number; outcome: "ERROR"; message: RegExp; payment?: string };

const matched = (lineNo: number, payment: string, status: VoucherFinalStatus, date: string): Expected => ({
  lineNo,
  outcome: "MATCHED",
  payment,
  status,
  date,
});
const unchanged = (lineNo: number, payment: string): Expected => ({ lineNo, outcome: "UNCHANGED", payment });
const error = (lineNo: number, message: RegExp, payment?: string): Expected => ({ lineNo, outcome: "ERROR", message, payment });

const V1_CASHED = matched(2, "7KQ2M9X-01", "CASHED", "2026-11-20");
const V2_EXPIRED = matched(3, "8ABCD23-01", "EXPIRED", "2026-11-27");

const CASES: Record<string, Expected[]> = {
  // Accepted shapes. Line 1 is the header, so rows start at line 2.
  "good-basic.csv": [V1_CASHED, V2_EXPIRED],
  "good-bom-crlf.csv": [V1_CASHED, V2_EXPIRED],
  "good-header-case-and-order.csv": [V1_CASHED, V2_EXPIRED],
  "good-extra-columns.csv": [V1_CASHED, V2_EXPIRED],
  "good-quoted-fields.csv": [V1_CASHED, V2_EXPIRED], // a quoted note with a comma, in an extra column
  "good-trailing-blank-lines.csv": [V1_CASHED],
  "good-no-final-newline.csv": [V1_CASHED],
  "good-both-date-forms.csv": [V1_CASHED, matched(3, "8ABCD23-01", "CASHED", "2026-11-21")],
  "good-status-any-case.csv": [V1_CASHED, V2_EXPIRED],
  "good-repeats-unchanged.csv": [
    unchanged(2, "9XYZ234-01"), // already CASHED: yesterday's report again
    unchanged(3, "4RMN56P-01"),
    unchanged(4, "7CNC89Q-01"),
    matched(5, "7KQ2M9X-01", "CASHED", "2026-11-20"),
  ],
  "good-date-edges.csv": [
    matched(2, "7KQ2M9X-01", "CASHED", "2026-11-02"), // the delivery day itself
    matched(3, "8ABCD23-01", "CANCELLED", "2026-11-28"), // today
  ],
  "good-exact-repeat-in-file.csv": [V1_CASHED, V2_EXPIRED, unchanged(4, "7KQ2M9X-01")],

  // Bad rows: each message names its line.
  "bad-unknown-reference.csv": [V1_CASHED, error(3, /^Line 3: unknown reference "ZZZZZZZ-01": no Payout voucher has it$/)],
  "bad-amount-mismatch.csv": [error(2, /^Line 2: amount mismatch for 7KQ2M9X-01: file £12\.00, voucher £12\.50$/, "7KQ2M9X-01")],
  "bad-code-mismatch.csv": [
    error(2, /^Line 2: payment code "K7QX2M9PLA4TA" is not the code issued for 7KQ2M9X-01$/, "7KQ2M9X-01"),
  ],
  "bad-no-code-issued.csv": [error(2, /^Line 2: payment 5NOC67K-01 has no payment code yet/, "5NOC67K-01")],
  "bad-conflicting-final-status.csv": [
    V1_CASHED,
    error(
      3,
      /^Line 3: payment 9XYZ234-01 is already CASHED and this file says EXPIRED: an admin settles it on the payment's page/,
      "9XYZ234-01",
    ),
  ],
  "bad-status-word.csv": [
    error(2, /^Line 2: status "PAID" is not one of CASHED, EXPIRED, CANCELLED$/),
    error(3, /^Line 3: status "Redeemed" is not one of CASHED, EXPIRED, CANCELLED$/),
  ],
  "bad-impossible-date.csv": [
    error(2, /^Line 2: status date "31\/02\/2026" is not a real date$/),
    error(3, /^Line 3: status date "2026-13-01" is not a real date$/),
  ],
  "bad-date-format.csv": [
    error(2, /^Line 2: status date "20-11-2026" is not a date like 20\/11\/2026 or 2026-11-20$/),
    error(3, /^Line 3: status date "20\/11\/26" is not a date like/),
  ],
  "bad-future-date.csv": [error(2, /^Line 2: status date 29\/11\/2026 is in the future \(today is 2026-11-28\)$/, "7KQ2M9X-01")],
  "bad-before-delivery.csv": [
    error(
      2,
      /^Line 2: status date 01\/11\/2026 is before payment 7KQ2M9X-01's batch was delivered \(2026-11-02\)$/,
      "7KQ2M9X-01",
    ),
  ],
  "bad-missing-column.csv": [error(1, /^Line 1: missing column "Status Date" \(the header row must name/)],
  "bad-header-only.csv": [error(1, /^Line 1: the file has a header row but no data rows$/)],
  "bad-wrong-column-count.csv": [V1_CASHED, error(3, /^Line 3 has 4 columns; the header row has 5$/)],
  "bad-payment-not-sent.csv": [error(2, /^Line 2: payment 6NEW78M-01 is NEW, not a delivered voucher \(SENT\)$/, "6NEW78M-01")],
  "bad-duplicate-column.csv": [error(1, /^Line 1: column "Status" named twice$/)],
  "bad-conflicting-rows-in-file.csv": [
    error(2, /^Line 2: reference "7KQ2M9X-01" is also on line 4 with a different/, "7KQ2M9X-01"),
    V2_EXPIRED,
    error(4, /^Line 4: reference "7KQ2M9X-01" is also on line 2 with a different/, "7KQ2M9X-01"),
  ],
  "bad-code-wrong-length.csv": [error(2, /^Line 2: payment code "K7QX2M9PLA4" has 11 characters, not 13$/)],
  "bad-blank-line-in-middle.csv": [V1_CASHED, error(3, /^Line 3 is blank/), matched(4, "8ABCD23-01", "EXPIRED", "2026-11-27")],
  "bad-no-header.csv": [error(1, /^Line 1: missing columns "Reference", "Payment Code", "Amount", "Status", "Status Date"/)],
  "bad-amount-not-a-number.csv": [error(2, /^Line 2: amount "£12\.50" is not a number of pounds/)],

  // Whole-file refusals (line 0).
  "bad-binary.csv": [error(0, /binary/)],
  "bad-not-utf8.csv": [error(0, /not UTF-8/)],
  "bad-empty.csv": [error(0, /^The file is empty$/)],
};

function run(file: string) {
  const parsed = parseReconciliationFile(new Uint8Array(readFileSync(CORPUS + file)));
  return matchReconciliation({ parsed, vouchers: VOUCHERS, today: TODAY });
}

describe("Payout reconciliation corpus", () => {
  it("every corpus file has expectations, and every expectation has a file", () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".csv"))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
    expect(files.filter((f) => f.startsWith("bad-")).length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(CASES))("%s", (file, expected) => {
    const outcomes = run(file);
    expect(outcomes.map((o) => [o.lineNo, o.outcome])).toEqual(expected.map((e) => [e.lineNo, e.outcome]));
    expected.forEach((e, i) => {
      const o = outcomes[i];
      if (e.outcome === "ERROR") {
        expect(o.message).toMatch(e.message);
        if (e.lineNo > 0) expect(o.message).toMatch(new RegExp(`^Line ${e.lineNo}\\b`));
        // An error about a known voucher carries it, so the page can link to the payment to settle.
        expect(o.paymentId).toBe(e.payment === undefined ? undefined : `pay-${e.payment}`);
      } else {
        expect(o.paymentId).toBe(`pay-${e.payment}`);
        if (e.outcome === "MATCHED") expect([o.status, o.statusDate]).toEqual([e.status, e.date]);
      }
    });

    const summary = summariseReconciliation(outcomes);
    const changes = reconciliationChangesToApply(outcomes);
    if (file.startsWith("good-")) {
      expect(summary.anyErrors).toBe(false);
      expect(changes).toEqual(
        expected.flatMap((e) =>
          e.outcome === "MATCHED" ? [{ paymentId: `pay-${e.payment}`, status: e.status, statusDate: e.date }] : [],
        ),
      );
    } else {
      expect(summary.anyErrors).toBe(true);
      expect(changes).toEqual([]);
    }
  });
});

describe("Payout reconciliation: settling a conflict", () => {
  it("is unchanged once an admin has accepted the Post Office's status", () => {
    const parsed = parseReconciliationFile(new Uint8Array(readFileSync(CORPUS + "bad-conflicting-final-status.csv")));
    const settled = VOUCHERS.map((v) => (v.reference === "9XYZ234-01" ? { ...v, status: "EXPIRED" as const } : v));
    expect(matchReconciliation({ parsed, vouchers: settled, today: TODAY }).map((o) => o.outcome)).toEqual([
      "MATCHED",
      "UNCHANGED",
    ]);
  });

  it("counts the matched rows by status", () => {
    expect(summariseReconciliation(run("good-repeats-unchanged.csv"))).toEqual({
      total: 4,
      matched: 1,
      unchanged: 3,
      errors: 0,
      anyErrors: false,
      byStatus: { CASHED: 1, EXPIRED: 0, CANCELLED: 0 },
    });
  });

  it("refuses a today that is not a date", () => {
    expect(() => matchReconciliation({ parsed: { rows: [], errors: [] }, vouchers: [], today: "28/11/2026" })).toThrow(
      RangeError,
    );
  });
});
