// The direct-payments run end to end through its public entry point, and its limit: the same rows
// written to the same tables by the fewest statements PostgreSQL needs, with the file's lines
// brought out of the database and through this process, as the product must.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "../../lib/bank-holidays/bank-holidays.ts";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { runDirectPayments } from "../../lib/direct-payments/run-direct-payments.ts";
import { LocalFileStore } from "../../lib/storage/local-file-store.ts";
import { root } from "../lib/run-command.mts";
import { auditRow, connect, phaseClock, sqlTimestamp, timed, type Measured, type StepInput } from "./step-support.mts";

/** runDirectPayments as the cron route calls it, on a local-folder store in the step's folder. */
export async function runProduct(input: StepInput, expect: "SUCCEEDED" | "EMPTY" = "SUCCEEDED"): Promise<Measured> {
  const db = createDb(input.url);
  try {
    await db.$queryRaw`SELECT 1`;
    const template = await readFile(path.join(root, "templates", "adi-journal-demo.xlsx"));
    const store = new LocalFileStore(path.join(input.workDir, "files"));
    const { ms, startRssMB, result } = await timed(() =>
      runDirectPayments({
        db,
        store,
        key: Buffer.from(input.keyBase64, "base64"),
        template,
        templateExtension: "xlsx",
        now: new Date(input.now),
        triggeredBy: "bench",
        holidays: holidaySet(SHIPPED_BANK_HOLIDAYS),
      }),
    );
    const wanted = expect === "SUCCEEDED" ? input.n : 0;
    if (result.status !== expect || result.payments !== wanted) {
      throw new Error(
        `the run ended ${result.status} with ${result.payments} payments${result.error ? `: ${result.error}` : ""}`,
      );
    }
    return {
      ms,
      startRssMB,
      detail: { status: result.status, payments: result.payments, held: result.held.length, files: result.files.length },
    };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

/** Counts bytes and sha256 of what flows through. */
function hashing() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest("hex"), bytes }) };
}

export async function runLimit(input: StepInput): Promise<Measured> {
  const client = await connect(input.url);
  const runId = randomUUID();
  const batchId = randomUUID();
  const at = sqlTimestamp(input.now);
  const actor = "direct-payments run (bench)";
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      const phases = phaseClock();
      await client.query(
        `INSERT INTO "Run" (id, kind, status, "startedAt", "triggeredBy", "leaseUntil")
         VALUES ($1, 'DIRECT_PAYMENTS', 'RUNNING', $2::timestamp, 'bench', $2::timestamp + interval '10 minutes')`,
        [runId, at],
      );
      await auditRow(client, { at, actor, action: "run.started", entityType: "Run", entityId: runId, after: { attempt: 1 } });
      phases.mark("acquired");

      // selected: the payments locked and their lines written, in one statement
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence") VALUES ($1, $2, 'BANK', 'OPEN', 0, 0)`,
        [batchId, runId],
      );
      const { rows } = await client.query<{ lines: number; pence: string }>(
        `WITH lines AS (
           INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference", "bankDetailsCiphertext")
           SELECT gen_random_uuid(), $1, row_number() OVER (ORDER BY s."createdAt", s.id), s.id, s."amountPence", s.reference, s.ciphertext
           FROM (SELECT p.id, p."createdAt", p."amountPence", p.reference, bd.ciphertext
                 FROM "Payment" p JOIN "Claim" c ON c.id = p."claimId" JOIN "BankDetails" bd ON bd."claimantId" = c."claimantId"
                 WHERE p.status = 'NEW' AND p.method = 'BANK' AND p."holdReason" IS NULL
                   AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid")
                 FOR UPDATE OF p) s
           RETURNING "amountPence")
         SELECT count(*)::int AS lines, coalesce(sum("amountPence"), 0)::bigint AS pence FROM lines`,
        [batchId],
      );
      const { lines, pence } = rows[0];
      await client.query(`UPDATE "Batch" SET "paymentCount" = $2, "totalPence" = $3 WHERE id = $1`, [batchId, lines, pence]);
      await client.query(`UPDATE "Run" SET "paymentCount" = $2, "totalPence" = $3 WHERE id = $1`, [runId, lines, pence]);
      await auditRow(client, {
        at,
        actor,
        action: "run.selected",
        entityType: "Run",
        entityId: runId,
        after: { batchId, lines },
      });
      await client.query("COMMIT");
      phases.mark("selected");

      // the file: every line out of the database, through this process, onto disk
      const copy = client.query(
        copyTo(`COPY (SELECT l."lineNo", l."paymentId", l."fileReference", l."amountPence", l."bankDetailsCiphertext"
                      FROM "FileLine" l WHERE l."batchId" = '${batchId}' AND NOT l."isVoid" ORDER BY l."lineNo") TO STDOUT`),
      );
      const hash = hashing();
      await pipeline(copy, hash.stream, createWriteStream(path.join(input.workDir, "accesspay-limit.csv"), { flush: true }));
      const file = hash.result();
      phases.mark("file");

      // sent: files recorded, every payment SENT with its history, audit and timeline rows
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "BatchFile" (id, "batchId", kind, "fileName", "storageKey", "contentType", sha256, "byteSize", "lineCount", "totalPence")
         VALUES (gen_random_uuid(), $1::uuid, 'ACCESSPAY_CSV', 'accesspay.csv', $1::uuid::text || '/accesspay.csv', 'text/csv', $2, $3, $4, $5),
                (gen_random_uuid(), $1::uuid, 'ADI_JOURNAL', 'journal.xlsx', $1::uuid::text || '/journal.xlsx', 'application/octet-stream', $2, 0, $4, $5)`,
        [batchId, file.sha256, file.bytes, lines, pence],
      );
      await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
      const sent = await client.query<{ sent: number }>(
        `WITH moved AS (
           UPDATE "Payment" p SET status = 'SENT', "sentAt" = $2::timestamp, "updatedAt" = $2::timestamp, "holdReason" = NULL
           FROM "FileLine" l WHERE l."batchId" = $1::uuid AND NOT l."isVoid" AND p.id = l."paymentId" AND p.status = 'NEW'
           RETURNING p.id, p."claimId", p.reference),
         history AS (
           INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorLabel", "runId", "batchId")
           SELECT m.id, $3::uuid, 'payment.sent', 'NEW', 'SENT', $2::timestamp, $4, $5::uuid, $1::uuid FROM moved m),
         audit AS (
           INSERT INTO "AuditLog" (at, "actorLabel", action, "entityType", "entityId", before, after)
           SELECT $2::timestamp, $4, 'payment.sent', 'Payment', m.id::text,
                  jsonb_build_object('status', 'NEW', 'holdReason', NULL, 'failureReason', NULL),
                  jsonb_build_object('status', 'SENT', 'sentAt', $6::text, 'holdReason', NULL, 'runId', $5::uuid::text, 'batchId', $1::uuid::text)
           FROM moved m),
         events AS (
           INSERT INTO "ClaimEvent" (id, "claimId", at, kind, summary, detail)
           SELECT gen_random_uuid(), m."claimId", $2::timestamp, 'payment.sent', 'Payment ' || m.reference || ' sent',
                  jsonb_build_object('paymentId', m.id, 'previousStatus', 'NEW', 'runId', $5::uuid::text, 'batchId', $1::uuid::text)
           FROM moved m)
         SELECT count(*)::int AS sent FROM moved`,
        [batchId, at, randomUUID(), actor, runId, input.now],
      );
      await client.query(`UPDATE "Batch" SET status = 'STORED' WHERE id = $1`, [batchId]);
      await client.query(
        `UPDATE "Run" SET status = 'SUCCEEDED', "finishedAt" = $2::timestamp, "leaseUntil" = NULL WHERE id = $1`,
        [runId, at],
      );
      await auditRow(client, { at, actor, action: "run.succeeded", entityType: "Run", entityId: runId, after: { lines, pence } });
      await client.query("COMMIT");
      phases.mark("sent");
      return { lines, sent: sent.rows[0].sent, fileBytes: file.bytes, phasesMs: phases.done() };
    });
    if (result.sent !== input.n) throw new Error(`the run limit sent ${result.sent} payments, not ${input.n}`);
    return { ms, startRssMB, detail: result };
  } finally {
    await client.end();
  }
}
