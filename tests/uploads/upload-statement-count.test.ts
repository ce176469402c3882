// A failed-payments upload is set-based: applying a file of 20,000 rows takes the same number of
// statements as a file of 2,000, and fewer than a fixed bound. Counted at the pg driver, so every
// statement counts (COPY, temporary tables, the shell's own records), whoever sends it.
import { describe, expect, it } from "vitest";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { countStatements } from "../support/count-statements";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { failedFile, key, makeSentBatch, paymentReference, type SentBatch } from "./upload-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

/** The most statements an applied failed-payments upload may take, whatever its size. */
const MOST_STATEMENTS = 40;

const NOW = new Date("2026-11-23T09:00:00.000Z");

async function uploadAll(batch: SentBatch) {
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  return countStatements(() =>
    importFailedPayments({
      db: db(),
      store: store(),
      key,
      fileName: `failed-${batch.n}.csv`,
      bytes: failedFile(batch),
      actor: { id: finance.id, email: finance.email },
      now: NOW,
    }),
  );
}

async function expectApplied(batch: SentBatch) {
  const counts = await db().$queryRaw<
    { failed: number; backForBankDetails: number; messages: number; claimantsMessagedOnce: number; needsAttention: number }[]
  >`
    SELECT (SELECT count(*) FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id
            WHERE l."batchId" = ${batch.batchId}::uuid AND p.status = 'FAILED' AND p."failureReason" = 'Account closed')::int AS failed,
           (SELECT count(*) FROM "Claim" c JOIN "Payment" p ON p."claimId" = c.id JOIN "FileLine" l ON l."paymentId" = p.id
            WHERE l."batchId" = ${batch.batchId}::uuid AND c.status = 'INFORMATION_REQUESTED'
              AND c."informationRequestKind" = 'BANK_DETAILS' AND c.version = 1)::int AS "backForBankDetails",
           (SELECT count(*) FROM "Notification" n JOIN "Claim" c ON c.id = n."claimId"
            WHERE c.reference LIKE ${`${batch.tag}%`} AND n.template = 'PAYMENT_FAILED')::int AS messages,
           (SELECT count(*) FROM (
              SELECT n."claimantId" FROM "Notification" n JOIN "Claim" c ON c."claimantId" = n."claimantId"
              WHERE c.reference LIKE ${`${batch.tag}%`} AND n.template = 'PAYMENT_FAILED'
              GROUP BY n."claimantId" HAVING count(*) = 1) x)::int AS "claimantsMessagedOnce",
           (SELECT count(*) FROM "Claim" c WHERE c.reference LIKE ${`${batch.tag}%`} AND c."needsAttention")::int AS "needsAttention"`;
  expect(counts[0]).toEqual({
    failed: batch.n,
    backForBankDetails: batch.n,
    messages: batch.n,
    claimantsMessagedOnce: batch.n,
    needsAttention: batch.n,
  });
}

describe("failed-payments upload statement count", () => {
  const counted: Record<number, number> = {};

  for (const [n, tag] of [
    [2_000, "S"],
    [20_000, "T"],
  ] as const) {
    it(`applies ${n.toLocaleString("en-GB")} rows in at most ${MOST_STATEMENTS} statements`, { timeout: 300_000 }, async () => {
      const batch = await makeSentBatch(db(), n, tag, new Date(NOW.getTime() - 86_400_000));
      const { result, statements, texts } = await uploadAll(batch);
      expect(result).toMatchObject({ status: "APPLIED", counts: { rows: n, matched: n, unchanged: 0, errors: 0 } });
      expect(statements, texts.join("\n---\n")).toBeLessThanOrEqual(MOST_STATEMENTS);
      counted[n] = statements;
      await expectApplied(batch);

      // The message the claimant gets is the pure template's, word for word.
      const message = await db().notification.findFirstOrThrow({
        where: { claim: { reference: paymentReference(batch, 7).slice(0, 7) } },
      });
      expect(message.personalisation).toEqual({
        subject: "We could not pay you: we need new bank details",
        body:
          "Dear Claimant,\n\nYour bank could not accept our payment.\nPlease send us new bank details so we can pay you.\n" +
          `Reason given by the bank: Account closed\n\nClaim reference: ${paymentReference(batch, 7).slice(0, 7)}`,
        claimReference: paymentReference(batch, 7).slice(0, 7),
      });
    });
  }

  it("takes the same number of statements for 20,000 rows as for 2,000", () => {
    expect(counted[20_000]).toBe(counted[2_000]);
  });
});
