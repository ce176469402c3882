// One reconciliation measurement in a process of its own (started by reconciliation.mts with its
// input as JSON in BENCH_STEP_INPUT), so the peak resident set it reports is its own. Answers one
// line "BENCH_RESULT {json}" on stdout (a StepResult).
//   reconciliation        the product: the report streamed from disk into the upload shell (as the
//                         route does), checked and applied (lib/payout/reconciliation)
//   reconciliation-limit  the same rows written with the fewest statements PostgreSQL needs: the
//                         report COPYed into a temporary table, one joined UPDATE of the payments,
//                         and each table the product writes by one INSERT … SELECT
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { reconciliationUpload } from "../../lib/payout/reconciliation/import-reconciliation.ts";
import { processUpload, storeUpload } from "../../lib/uploads/receive-upload.ts";
import { LocalFileStore } from "../../lib/storage/local-file-store.ts";
import { runProductVsLimitStep } from "./product-vs-limit-step.mts";
import { CASEWORKER_EMAIL, CASEWORKER_ID, type ReconciliationStepInput } from "./reconciliation-data.mts";
import { auditRow, connect, phaseClock, sqlTimestamp, tableCounts, timed, type Measured } from "./step-support.mts";

const FILE_NAME = "reconciliation.csv";
const actor = { id: CASEWORKER_ID, email: CASEWORKER_EMAIL };

async function product(input: ReconciliationStepInput): Promise<Measured> {
  const db = createDb(input.url);
  try {
    await db.$queryRaw`SELECT 1`;
    const store = new LocalFileStore(path.join(input.workDir, "files"));
    const spec = reconciliationUpload();
    const now = new Date(input.now);
    const { ms, startRssMB, result } = await timed(async () => {
      const received = await storeUpload({
        db,
        store,
        spec,
        fileName: FILE_NAME,
        source: createReadStream(input.reportFile, { highWaterMark: 64 * 1024 }),
        actor,
        now,
        maxBytes: 1024 * 1024 * 1024,
      });
      if (received.refused) throw new Error(`the upload was refused: ${received.refused.errors[0]?.message}`);
      return processUpload({ db, store, stored: received.stored });
    });
    if (result.status !== "APPLIED" || result.counts.matched !== input.n) {
      const why =
        result.status === "REJECTED"
          ? `: ${result.errors
              .slice(0, 3)
              .map((e) => e.message)
              .join("; ")}`
          : "";
      throw new Error(`the upload was ${result.status}${"counts" in result ? ` (${result.counts.matched} matched)` : ""}${why}`);
    }
    return { ms, startRssMB, detail: { status: result.status, ...result.counts } };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

async function limit(input: ReconciliationStepInput): Promise<Measured> {
  const client = await connect(input.url);
  const uploadId = randomUUID();
  const moveId = randomUUID();
  const at = sqlTimestamp(input.now);
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      const phases = phaseClock();
      const bytes = await readFile(input.reportFile);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('upload:PAYOUT_RECONCILIATION'))`);
      await client.query(
        `SELECT id FROM "Upload" WHERE kind = 'PAYOUT_RECONCILIATION' AND sha256 = $1 AND status = 'APPLIED' LIMIT 1`,
        [sha256],
      );
      await client.query(`CREATE TEMP TABLE report (line_no int GENERATED ALWAYS AS IDENTITY, reference text, code text, amount text,
        status text, status_date text) ON COMMIT DROP`);
      await pipeline(
        createReadStream(input.reportFile),
        client.query(copyFrom(`COPY report (reference, code, amount, status, status_date) FROM STDIN WITH (FORMAT csv, HEADER)`)),
      );
      phases.mark("copied in");
      await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
      // The one joined UPDATE: each row to its SENT voucher by reference, code and amount.
      const moved = await client.query(
        `CREATE TEMP TABLE moved ON COMMIT DROP AS
         WITH m AS (
           UPDATE "Payment" p
           SET status = r.status::"PaymentStatus", "postOfficeStatusDate" = r.status_date, "updatedAt" = $1::timestamp,
               "cancelledAt" = CASE WHEN r.status = 'CANCELLED' THEN $1::timestamp END,
               "cancelReason" = CASE WHEN r.status = 'CANCELLED' THEN 'Cancelled by the Post Office' END
           FROM (SELECT line_no + 1 AS line_no, upper(reference) AS reference, code, round(amount::numeric * 100)::int AS pence,
                        upper(status) AS status, to_date(status_date, 'DD/MM/YYYY') AS status_date FROM report) r
           WHERE p.reference = r.reference AND p.status = 'SENT' AND p."paymentCode" = r.code AND p."amountPence" = r.pence
           RETURNING r.line_no, p.id AS payment_id, p."claimId" AS claim_id, p.reference, r.status, r.status_date)
         SELECT * FROM m`,
        [at],
      );
      if (moved.rowCount !== input.n) throw new Error(`the limit moved ${moved.rowCount} of ${input.n} vouchers`);
      phases.mark("vouchers moved");
      await client.query(
        `INSERT INTO "Upload" (id, kind, status, "fileName", "storageKey", sha256, "byteSize", "uploadedById", "uploadedAt",
                               "rowCount", matched, unchanged, errors)
         VALUES ($1::uuid, 'PAYOUT_RECONCILIATION', 'APPLIED', $2, $1::uuid::text || '/' || $2, $3, $4, $5, $6::timestamp, $7, $7, 0, 0)`,
        [uploadId, FILE_NAME, sha256, bytes.length, CASEWORKER_ID, at, input.n],
      );
      await client.query(
        `INSERT INTO "UploadRow" (id, "uploadId", "lineNo", outcome, message, "paymentId")
         SELECT gen_random_uuid(), $1::uuid, line_no, 'MATCHED', 'Payment ' || reference || ' ' || lower(status), payment_id FROM moved`,
        [uploadId],
      );
      await client.query(
        `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorId", "actorLabel", "uploadId")
         SELECT payment_id, $5::uuid, 'payment.' || lower(status), 'SENT', status::"PaymentStatus", $2::timestamp, $3::uuid, $4, $1::uuid
         FROM moved`,
        [uploadId, at, CASEWORKER_ID, CASEWORKER_EMAIL, moveId],
      );
      await client.query(
        `INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
         SELECT $2::timestamp, $3::uuid, $4, 'payment.' || lower(status), 'Payment', payment_id::text,
                jsonb_build_object('status', 'SENT'),
                jsonb_build_object('status', status, 'postOfficeStatusDate', status_date, 'uploadId', $1::uuid::text)
         FROM moved`,
        [uploadId, at, CASEWORKER_ID, CASEWORKER_EMAIL],
      );
      await client.query(
        `INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
         SELECT gen_random_uuid(), claim_id, $2::timestamp, $3::uuid, 'payment.' || lower(status),
                'Payment ' || reference || ' ' || lower(status) || ' on ' || to_char(status_date, 'FMDD FMMonth YYYY'),
                jsonb_build_object('paymentId', payment_id, 'previousStatus', 'SENT', 'uploadId', $1::uuid::text)
         FROM moved`,
        [uploadId, at, CASEWORKER_ID],
      );
      phases.mark("history, audit, timeline");
      // An expired or cancelled voucher puts its claim in "needs attention".
      await client.query(
        `UPDATE "Claim" c SET "needsAttention" = true FROM moved m
         WHERE c.id = m.claim_id AND m.status IN ('EXPIRED', 'CANCELLED') AND NOT c."needsAttention"`,
      );
      phases.mark("claims");
      await auditRow(client, {
        at,
        actor: CASEWORKER_EMAIL,
        actorId: CASEWORKER_ID,
        action: "upload.applied",
        entityType: "Upload",
        entityId: uploadId,
        after: { kind: "PAYOUT_RECONCILIATION", fileName: FILE_NAME, status: "APPLIED", sha256, rows: input.n, matched: input.n },
      });
      await client.query("COMMIT");
      phases.mark("committed");
      return { rows: input.n, matched: moved.rowCount, phasesMs: phases.done() };
    });
    return { ms, startRssMB, detail: result };
  } finally {
    await client.end();
  }
}

runProductVsLimitStep<ReconciliationStepInput>({ name: "reconciliation", product, limit, counts: tableCounts });
