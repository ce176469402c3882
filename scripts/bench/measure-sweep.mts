// The PAID sweep of N sent payments, through the run's public entry point (a run with nothing new
// to send sweeps, selects nothing and ends EMPTY), and its limit: one UPDATE of the due payments
// with their history, audit and timeline rows, and the run's own rows around it. The limit finds
// due batches first (a handful of files and downloads), then their lines: no grouping of N rows.
import { randomUUID } from "node:crypto";
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "../../lib/bank-holidays/bank-holidays.ts";
import { latestPaidDownloadDate } from "../../lib/bank-holidays/working-days.ts";
import { runProduct } from "./measure-run.mts";
import { auditRow, connect, sqlTimestamp, timed, type Measured, type StepInput } from "./step-support.mts";

export async function sweepProduct(input: StepInput): Promise<Measured> {
  const measured = await runProduct(input, "EMPTY");
  const client = await connect(input.url);
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Payment" WHERE status = 'PAID'`);
    if (rows[0].n !== input.n) throw new Error(`the sweep left ${rows[0].n} payments PAID, not ${input.n}`);
    return { ...measured, detail: { ...measured.detail, paid: rows[0].n } };
  } finally {
    await client.end();
  }
}

export async function sweepLimit(input: StepInput): Promise<Measured> {
  const client = await connect(input.url);
  const runId = randomUUID();
  const at = sqlTimestamp(input.now);
  const actor = "direct-payments run (bench)";
  const cutoff = latestPaidDownloadDate(new Date(input.now), holidaySet(SHIPPED_BANK_HOLIDAYS));
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      await client.query(
        `INSERT INTO "Run" (id, kind, status, "startedAt", "triggeredBy", "leaseUntil")
         VALUES ($1, 'DIRECT_PAYMENTS', 'RUNNING', $2::timestamp, 'bench', $2::timestamp + interval '10 minutes')`,
        [runId, at],
      );
      await auditRow(client, { at, actor, action: "run.started", entityType: "Run", entityId: runId, after: { attempt: 1 } });
      await client.query("BEGIN");
      await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
      const { rows } = await client.query<{ paid: number }>(
        `WITH due_batches AS (
           SELECT f."batchId", to_char(MIN(d."downloadedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_download
           FROM "BatchFile" f JOIN "Batch" b ON b.id = f."batchId" AND b.status <> 'VOID' AND b.method = 'BANK'
           JOIN "FileDownload" d ON d."batchFileId" = f.id
           WHERE f.kind = 'ACCESSPAY_CSV' AND NOT f."isVoid"
           GROUP BY f."batchId"
           HAVING (MIN(d."downloadedAt") AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date <= $3::date),
         due AS (
           SELECT l."paymentId" AS id, db.first_download
           FROM due_batches db JOIN "FileLine" l ON l."batchId" = db."batchId" AND NOT l."isVoid"),
         moved AS (
           UPDATE "Payment" p SET status = 'PAID', "paidAt" = $2::timestamp, "updatedAt" = $2::timestamp
           FROM due WHERE p.id = due.id AND p.status = 'SENT'
           RETURNING p.id, p."claimId", p.reference, due.first_download),
         history AS (
           INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorLabel", "runId")
           SELECT m.id, $4::uuid, 'payment.paid', 'SENT', 'PAID', $2::timestamp, $5, $1::uuid FROM moved m),
         audit AS (
           INSERT INTO "AuditLog" (at, "actorLabel", action, "entityType", "entityId", before, after)
           SELECT $2::timestamp, $5, 'payment.paid', 'Payment', m.id::text,
                  jsonb_build_object('status', 'SENT', 'holdReason', NULL, 'failureReason', NULL),
                  jsonb_build_object('status', 'PAID', 'paidAt', $6::text, 'runId', $1::uuid::text, 'firstDownloadedAt', m.first_download)
           FROM moved m),
         events AS (
           INSERT INTO "ClaimEvent" (id, "claimId", at, kind, summary, detail)
           SELECT gen_random_uuid(), m."claimId", $2::timestamp, 'payment.paid',
                  'Payment ' || m.reference || ' paid (no failure reported)',
                  jsonb_build_object('paymentId', m.id, 'previousStatus', 'SENT', 'runId', $1::uuid::text, 'firstDownloadedAt', m.first_download)
           FROM moved m)
         SELECT count(*)::int AS paid FROM moved`,
        [runId, at, cutoff, randomUUID(), actor, input.now],
      );
      await client.query("COMMIT");
      await client.query(`UPDATE "Run" SET status = 'EMPTY', "finishedAt" = $2::timestamp, "leaseUntil" = NULL WHERE id = $1`, [
        runId,
        at,
      ]);
      await auditRow(client, { at, actor, action: "run.empty", entityType: "Run", entityId: runId, after: { status: "EMPTY" } });
      return { paid: rows[0].paid };
    });
    if (result.paid !== input.n) throw new Error(`the sweep limit paid ${result.paid} payments, not ${input.n}`);
    return { ms, startRssMB, detail: result };
  } finally {
    await client.end();
  }
}
