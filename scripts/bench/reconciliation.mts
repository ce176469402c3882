// The Payout reconciliation upload at scale (`npm run bench -- --only reconciliation`): N SENT
// vouchers with codes in one delivered Payout batch, and the Post Office's report on every one of
// them (a third each CASHED, EXPIRED, CANCELLED), uploaded through the product's streaming path and,
// interleaved, written by its limit: the report COPYed into a temporary table, one joined UPDATE of
// the payments, and the same history, audit, timeline and upload rows by INSERT … SELECT
// (reconciliation-step.mts). Each measurement runs on a fresh copy, in a child process of its own.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import {
  measureProductVsLimit,
  productVsLimitTable,
  stopProductVsLimitStep,
  type CountedPair,
  type PairBenchOptions,
} from "./product-vs-limit.mts";
import { CASEWORKER_EMAIL, CASEWORKER_ID, type ReconciliationStepInput } from "./reconciliation-data.mts";
import { connect } from "./step-support.mts";

/** The batch was delivered on Monday 2 November 2026; the report dates its statuses Friday 20 November. */
export const DELIVERED_AT = "2026-11-02T10:00:00.000Z";

/** Stops the measurement in progress, if any (Ctrl-C). */
export const stopReconciliationStep = stopProductVsLimitStep;

/** The vouchers, set-based, and the report on all of them, written straight from the table with COPY. */
async function prepare(url: string, n: number, reportFile: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
       VALUES ($1, $2, 'Bench caseworker', 'CASEWORKER', 'not-a-hash', now())`,
      [CASEWORKER_ID, CASEWORKER_EMAIL],
    );
    const ids = { run: "00000000-0000-4000-8000-00000000c002", batch: "00000000-0000-4000-8000-00000000c003" };
    await client.query(
      `INSERT INTO "Run" (id, kind, status, "startedAt", "finishedAt", "triggeredBy", "paymentCount", "totalPence")
       VALUES ($1, 'PAYOUT', 'SUCCEEDED', $2, $2, 'bench', $3, 0)`,
      [ids.run, DELIVERED_AT, n],
    );
    await client.query(
      `INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence", "createdAt", "businessDate", "sequenceNo",
                            "deliveryTarget", "deliveredAt")
       VALUES ($1, $2, 'CASH', 'DELIVERED', $3, 0, $4, DATE '2026-11-02', 1, 'bench', $4)`,
      [ids.batch, ids.run, n, DELIVERED_AT],
    );
    await client.query(
      `INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", email, "addressLine1", town, postcode, country,
                               "contactPreference", "updatedAt")
       SELECT md5('claimant' || i)::uuid, 'Claimant', 'Number ' || i, DATE '1980-01-01', 'claimant' || i || '@example.com',
              '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'EMAIL', $2
       FROM generate_series(1, $1::int) i`,
      [n, DELIVERED_AT],
    );
    await client.query(
      `INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "updatedAt")
       SELECT md5('claim' || i)::uuid, lpad(i::text, 7, '0'), md5('claimant' || i)::uuid, 'APPROVED', DATE '2026-11-01', 'CASH', 'API', $2
       FROM generate_series(1, $1::int) i`,
      [n, DELIVERED_AT],
    );
    // Set-up, not the product: SENT with its code and expiry, written past the one-owner guard.
    await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
    await client.query(
      `INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "sentAt", "updatedAt", "paymentCode",
                              "codeIssuedAt", "voucherExpiresOn")
       SELECT md5('payment' || i)::uuid, lpad(i::text, 7, '0') || '-01', md5('claimant' || i)::uuid, md5('claim' || i)::uuid, 'CASH', 1000 + i % 5000, 'SENT', $2, $2,
              'RC' || lpad(i::text, 11, '0'), $2, DATE '2026-12-02'
       FROM generate_series(1, $1::int) i`,
      [n, DELIVERED_AT],
    );
    await client.query(
      `INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference")
       SELECT md5('line' || i)::uuid, $2, i, md5('payment' || i)::uuid, 1000 + i % 5000, lpad(i::text, 7, '0') || '-01'
       FROM generate_series(1, $1::int) i`,
      [n, ids.batch],
    );
    await client.query(
      `INSERT INTO "BatchFile" (id, "batchId", kind, "fileName", "storageKey", "contentType", sha256, "byteSize", "lineCount", "totalPence")
       VALUES (gen_random_uuid(), $1, 'PAYOUT_CSV', 'disburse_payout_02112026_001.csv', 'bench/payout.csv', 'text/csv', repeat('0', 64), 0, $2, 0)`,
      [ids.batch, n],
    );
    await client.query("COMMIT");
    const copy = client.query(
      copyTo(`COPY (
        SELECT p.reference AS "Reference", p."paymentCode" AS "Payment Code",
               to_char(p."amountPence"::numeric / 100, 'FM999999990.00') AS "Amount",
               (ARRAY['CASHED', 'EXPIRED', 'CANCELLED'])[l."lineNo" % 3 + 1] AS "Status", '20/11/2026' AS "Status Date"
        FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId" ORDER BY l."lineNo"
      ) TO STDOUT WITH (FORMAT csv, HEADER)`),
    );
    await pipeline(copy, createWriteStream(reportFile));
  } finally {
    await client.end();
  }
  const vacuum = await connect(url);
  await vacuum.query("VACUUM (FREEZE, ANALYZE)").finally(() => vacuum.end());
}

export interface ReconciliationFigures {
  reconciliation: CountedPair;
}

export async function measureReconciliation(
  options: PairBenchOptions & { workDir: string },
): Promise<{ figures: ReconciliationFigures; table: string }> {
  const { n, now } = options;
  const dir = await mkdtemp(path.join(options.workDir, "reconciliation-"));
  const reportFile = path.join(dir, "reconciliation.csv");
  try {
    const pair = await measureProductVsLimit({
      ...options,
      name: "reconciliation",
      script: "reconciliation-step.mts",
      template: "recon",
      copy: "r",
      stepDirsIn: dir,
      prepare: async (url) => {
        await prepare(url, n, reportFile);
        return `reconciliation: ${n.toLocaleString("en-GB")} vouchers and their report`;
      },
      input: (step, url, workDir): ReconciliationStepInput => ({ step, url, n, now, workDir: workDir!, reportFile }),
    });
    const heading = `Payout reconciliation, ${n.toLocaleString("en-GB")} rows`;
    return { figures: { reconciliation: pair }, table: productVsLimitTable(pair, heading, "reconciliation upload") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
