// A reconciliation upload is set-based: a report of 20,000 rows is checked and applied in the same
// number of statements as one of 2,000, and fewer than a fixed bound. Counted at the pg driver, so
// every statement counts (COPY, temporary tables, movePayments, the shell's own records).
import { describe, expect, it } from "vitest";
import { importReconciliation } from "@/lib/payout/reconciliation/import-reconciliation";
import { countStatements } from "../support/count-statements";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import {
  makeVoucherBatch,
  RECONCILIATION_HEADER,
  reconciliationLine,
  voucherCode,
  voucherPence,
  voucherReference,
  type VoucherBatch,
} from "./voucher-upload-support";

const { db } = useTestDatabase();
const store = useTempStore();

/** The most statements an applied reconciliation upload may take, whatever its size. */
const MOST_STATEMENTS = 50;

const NOW = new Date("2026-11-28T12:00:00.000Z");
const STATUSES = ["CASHED", "EXPIRED", "CANCELLED"] as const;

/** Row i reports STATUSES[i % 3]: all three moves. */
function report(batch: VoucherBatch): Buffer {
  let text = `${RECONCILIATION_HEADER}\n`;
  for (let i = 1; i <= batch.n; i++) {
    text += `${reconciliationLine(voucherReference(batch.tag, i), voucherCode(batch.tag, i), voucherPence(i), STATUSES[i % 3], "20/11/2026")}\n`;
  }
  return Buffer.from(text, "utf8");
}

describe("reconciliation upload statement count", () => {
  const counted: Record<number, number> = {};

  for (const [n, tag] of [
    [2_000, "S"],
    [20_000, "T"],
  ] as const) {
    it(`applies ${n.toLocaleString("en-GB")} rows in at most ${MOST_STATEMENTS} statements`, { timeout: 300_000 }, async () => {
      const batch = await makeVoucherBatch(db(), {
        n,
        tag,
        deliveredAt: new Date("2026-11-02T09:00:00Z"),
        expiresOn: "2026-12-02",
        codes: true,
      });
      const caseworker = await makeUser(db(), { role: "CASEWORKER" });
      const { result, statements, texts } = await countStatements(() =>
        importReconciliation({
          db: db(),
          store: store(),
          fileName: `recon-${n}.csv`,
          bytes: report(batch),
          actor: { id: caseworker.id, email: caseworker.email },
          now: NOW,
        }),
      );
      expect(result).toMatchObject({ status: "APPLIED", counts: { rows: n, matched: n, unchanged: 0, errors: 0 } });
      expect(statements, texts.join("\n---\n")).toBeLessThanOrEqual(MOST_STATEMENTS);
      counted[n] = statements;

      const [moved] = await db().$queryRaw<
        { cashed: number; expired: number; cancelled: number; attention: number; history: number }[]
      >`
        SELECT (count(*) FILTER (WHERE p.status = 'CASHED'))::int AS cashed,
               (count(*) FILTER (WHERE p.status = 'EXPIRED'))::int AS expired,
               (count(*) FILTER (WHERE p.status = 'CANCELLED'))::int AS cancelled,
               (count(*) FILTER (WHERE c."needsAttention"))::int AS attention,
               (SELECT count(*) FROM "PaymentStatusHistory" h JOIN "Payment" q ON q.id = h."paymentId"
                WHERE q.reference LIKE ${`${tag}%`} AND h."fromStatus" = 'SENT')::int AS history
        FROM "Payment" p JOIN "Claim" c ON c.id = p."claimId" WHERE p.reference LIKE ${`${tag}%`}`;
      const third = (r: number) => Array.from({ length: n }, (_, k) => k + 1).filter((i) => i % 3 === r).length;
      expect(moved).toEqual({
        cashed: third(0),
        expired: third(1),
        cancelled: third(2),
        attention: third(1) + third(2),
        history: n,
      });
    });
  }

  it("takes the same number of statements for 20,000 rows as for 2,000", () => {
    expect(counted[20_000]).toBe(counted[2_000]);
  });
});
