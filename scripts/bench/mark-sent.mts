// The state after a successful run, set-based: every NEW bank payment on one live line of a
// STORED batch whose AccessPay file was downloaded on Monday 2 November 2026 (so the PAID sweep
// finds them all due on the bench's date), and the payments SENT. Then SSCL's failed-payments file
// for all of them, written straight from the lines with COPY.
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { BenchBankDetails } from "./bank-set.mts";

export const DOWNLOADED_AT = "2026-11-02T10:00:00.000Z";
const SENT_AT = "2026-11-01T00:05:00.000Z";

export async function markAllSent(client: pg.Client, options: { ssclUserId: string }): Promise<void> {
  const ids = { run: "00000000-0000-4000-8000-00000000b001", batch: "00000000-0000-4000-8000-00000000b002" };
  const files = { csv: "00000000-0000-4000-8000-00000000b003", journal: "00000000-0000-4000-8000-00000000b004" };
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO "Run" (id, kind, status, "startedAt", "finishedAt", "triggeredBy", "paymentCount", "totalPence")
     VALUES ($1, 'DIRECT_PAYMENTS', 'SUCCEEDED', $2, $2, 'bench', 0, 0)`,
    [ids.run, SENT_AT],
  );
  await client.query(
    `INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence", "createdAt")
     VALUES ($1, $2, 'BANK', 'STORED', 0, 0, $3)`,
    [ids.batch, ids.run, SENT_AT],
  );
  await client.query(
    `INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference", "bankDetailsCiphertext")
     SELECT md5('fileline:' || p.id)::uuid, $1, row_number() OVER (ORDER BY p."createdAt", p.id), p.id, p."amountPence",
            p.reference, bd.ciphertext
     FROM "Payment" p JOIN "Claim" c ON c.id = p."claimId" JOIN "BankDetails" bd ON bd."claimantId" = c."claimantId"
     WHERE p.status = 'NEW' AND p.method = 'BANK' AND p."holdReason" IS NULL`,
    [ids.batch],
  );
  const { rows } = await client.query<{ lines: number; pence: string }>(
    `SELECT count(*)::int AS lines, coalesce(sum("amountPence"), 0)::bigint AS pence FROM "FileLine" WHERE "batchId" = $1`,
    [ids.batch],
  );
  const { lines, pence } = rows[0];
  await client.query(`UPDATE "Run" SET "paymentCount" = $2, "totalPence" = $3 WHERE id = $1`, [ids.run, lines, pence]);
  await client.query(`UPDATE "Batch" SET "paymentCount" = $2, "totalPence" = $3 WHERE id = $1`, [ids.batch, lines, pence]);
  await client.query(
    `INSERT INTO "BatchFile" (id, "batchId", kind, "fileName", "storageKey", "contentType", sha256, "byteSize", "lineCount", "totalPence")
     VALUES ($1, $3, 'ACCESSPAY_CSV', 'accesspay_20261101_000500.csv', 'bench/accesspay.csv', 'text/csv', repeat('0', 64), 0, $4, $5),
            ($2, $3, 'ADI_JOURNAL', 'adi_journal_20261101.xlsx', 'bench/adi-journal.xlsx', 'application/octet-stream', repeat('0', 64), 0, $4, $5)`,
    [files.csv, files.journal, ids.batch, lines, pence],
  );
  await client.query(
    `INSERT INTO "FileDownload" (id, "batchFileId", "userId", "downloadedAt") VALUES (gen_random_uuid(), $1, $2, $3)`,
    [files.csv, options.ssclUserId, DOWNLOADED_AT],
  );
  // Set-up, not the product: the status is written directly, past the one-owner guard.
  await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
  await client.query(
    `UPDATE "Payment" p SET status = 'SENT', "sentAt" = $2, "updatedAt" = $2
     FROM "FileLine" l WHERE l."batchId" = $1 AND l."paymentId" = p.id`,
    [ids.batch, SENT_AT],
  );
  await client.query("COMMIT");
}

const REASONS = ["Account closed", "No account or wrong account type", "Beneficiary deceased"];

/** SSCL's failed-payments file for every live bank line: sort code, account, name, amount, reference, reason. */
export async function writeFailedPaymentsFile(
  client: pg.Client,
  bankSet: readonly BenchBankDetails[],
  file: string,
): Promise<void> {
  await client.query(`CREATE TEMP TABLE bench_bank (ciphertext text, sort_code text, account_number text, payee_name text)`);
  await client.query(`INSERT INTO bench_bank SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [
    bankSet.map((b) => b.ciphertext),
    bankSet.map((b) => b.plain.sortCode),
    bankSet.map((b) => b.plain.accountNumber),
    bankSet.map((b) => b.payeeName),
  ]);
  const reasons = REASONS.map((r) => `'${r}'`).join(", ");
  const copy = client.query(
    copyTo(`COPY (
      SELECT b.sort_code, b.account_number, b.payee_name, to_char(l."amountPence" / 100.0, 'FM999999990.00'), l."fileReference",
             (ARRAY[${reasons}])[1 + l."lineNo" % ${REASONS.length}]
      FROM "FileLine" l JOIN "Batch" ba ON ba.id = l."batchId" AND ba.method = 'BANK' AND ba.status <> 'VOID'
      JOIN bench_bank b ON b.ciphertext = l."bankDetailsCiphertext"
      WHERE NOT l."isVoid" ORDER BY l."lineNo") TO STDOUT WITH (FORMAT csv)`),
  );
  await pipeline(copy, createWriteStream(file));
  await client.query(`DROP TABLE bench_bank`);
}
