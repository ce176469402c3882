// The payment journey's data set (`npm run bench -- --only journey`, docs/payment-journey.md#at-scale):
// about P payments with a realistic history, every row made set-based (INSERT … SELECT over the
// rows already there), so a million payments take minutes, not hours of single inserts:
// - claims, claimants and their payments from scripts/bench/fill-claims.mts (72% of claims approved,
//   85% bank; PAID, CASHED, FAILED, SENT, NEW and held as a scheme two years in);
// - a direct-payments run and a Payout run each day, one batch and one file each, every payment
//   that left NEW on a numbered line of its day's file; each bank file downloaded (a third twice),
//   each Payout file delivered; Payout payment codes issued;
// - the status history movePayments writes (created, held, sent, paid, failed, cashed), the
//   claim's approval on its timeline, the claimant's messages (approval, failure, voucher);
// - half of the failed payments reissued as "-02" (linked by replacesId).
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { fillClaims } from "./fill-claims.mts";

/** Share of fill-claims' claims that are approved and get a payment. */
const APPROVED_SHARE = 0.72;

export type JourneyFill = { payments: number; fileLines: number; history: number; messages: number; reissued: number };

export async function fillJourneyData(
  db: PrismaClient,
  options: { payments: number; log?: (m: string) => void },
): Promise<JourneyFill> {
  const log = options.log ?? (() => {});
  const phase = async (name: string, sql: string): Promise<number> => {
    const started = Date.now();
    const count = await db.$executeRawUnsafe(sql);
    log(`journey fill: ${name}: ${count.toLocaleString("en-GB")} rows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return count;
  };
  const claims = Math.max(1, Math.round(options.payments / APPROVED_SHARE));
  const started = Date.now();
  await fillClaims(db, { claims });
  log(
    `journey fill: ${claims.toLocaleString("en-GB")} claims with their payments, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  await phase(
    "staff",
    `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
     VALUES ('00000000-0000-4000-8000-00000000f001', 'bench-finance@bench.disburse.test', 'Bench Finance', 'SSCL_FINANCE', 'x', now())
     ON CONFLICT (email) DO NOTHING`,
  );
  await phase(
    "uploads",
    `INSERT INTO "Upload" (id, kind, status, "fileName", "storageKey", sha256, "byteSize", "uploadedById", "uploadedAt")
     SELECT v.id::uuid, v.kind::"UploadKind", 'APPLIED', v.name, 'bench/' || v.name, repeat('0', 64), 1,
            '00000000-0000-4000-8000-00000000f001', timestamp '2026-01-01'
     FROM (VALUES ('00000000-0000-4000-8000-00000000a001', 'SSCL_FAILED_PAYMENTS', 'failed_bench.csv'),
                  ('00000000-0000-4000-8000-00000000a002', 'PAYOUT_PAYMENT_CODES', 'codes_bench.csv'),
                  ('00000000-0000-4000-8000-00000000a003', 'PAYOUT_RECONCILIATION', 'reconciliation_bench.csv')) v(id, kind, name)
     ON CONFLICT DO NOTHING`,
  );
  // Every payment that left NEW was in the run of the day after it was made.
  await phase(
    "runs",
    `INSERT INTO "Run" (id, kind, status, "startedAt", "finishedAt", "triggeredBy", "paymentCount", "totalPence")
     SELECT md5('run-' || m.kind || d::text)::uuid, m.kind::"RunKind", 'SUCCEEDED', d + interval '8 hours',
            d + interval '8 hours 2 minutes', 'cron', 0, 0
     FROM (SELECT DISTINCT date_trunc('day', "createdAt") + interval '1 day' AS d FROM "Payment") days
     CROSS JOIN (VALUES ('DIRECT_PAYMENTS'), ('PAYOUT')) m(kind)`,
  );
  await phase(
    "batches",
    `INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence", "createdAt", "businessDate", "sequenceNo",
                          "deliveryTarget", "deliveredAt")
     SELECT md5('batch-' || r.id::text)::uuid, r.id, m.method::"PaymentMethod",
            (CASE m.method WHEN 'BANK' THEN 'STORED' ELSE 'DELIVERED' END)::"BatchStatus", 0, 0, r."startedAt",
            CASE m.method WHEN 'CASH' THEN r."startedAt"::date END, CASE m.method WHEN 'CASH' THEN 1 END,
            CASE m.method WHEN 'CASH' THEN 'sftp://payout.bench:22/in' END,
            CASE m.method WHEN 'CASH' THEN r."startedAt" + interval '3 minutes' END
     FROM "Run" r JOIN (VALUES ('DIRECT_PAYMENTS', 'BANK'), ('PAYOUT', 'CASH')) m(kind, method) ON m.kind = r.kind::text`,
  );
  await phase(
    "batch files",
    `INSERT INTO "BatchFile" (id, "batchId", kind, "fileName", "storageKey", "contentType", sha256, "byteSize", "lineCount", "totalPence", "createdAt")
     SELECT md5('file-' || b.id::text)::uuid, b.id, CASE b.method WHEN 'BANK' THEN 'ACCESSPAY_CSV' ELSE 'PAYOUT_CSV' END,
            CASE b.method WHEN 'BANK' THEN 'accesspay_' ELSE 'DISBURSE_PAYOUT_' END || to_char(b."createdAt", 'YYYYMMDD') || '_0800.csv',
            'bench/' || b.id::text, 'text/csv', md5(b.id::text) || md5(b.id::text || 'x'), 1000, 0, 0, b."createdAt"
     FROM "Batch" b`,
  );
  const fileLines = await phase(
    "file lines",
    `INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference")
     SELECT gen_random_uuid(), x.batch_id, row_number() OVER (PARTITION BY x.batch_id ORDER BY x.id), x.id, x."amountPence", x.reference
     FROM (
       SELECT p.id, p."amountPence", p.reference,
              md5('batch-' || md5('run-' || CASE p.method WHEN 'BANK' THEN 'DIRECT_PAYMENTS' ELSE 'PAYOUT' END
                  || (date_trunc('day', p."createdAt") + interval '1 day')::text)::uuid::text)::uuid AS batch_id
       FROM "Payment" p WHERE p.status <> 'NEW'
     ) x`,
  );
  await phase(
    "downloads",
    `INSERT INTO "FileDownload" (id, "batchFileId", "userId", "downloadedAt")
     SELECT gen_random_uuid(), f.id, '00000000-0000-4000-8000-00000000f001', f."createdAt" + (k * interval '1 hour')
     FROM "BatchFile" f CROSS JOIN generate_series(1, 2) k
     WHERE f.kind = 'ACCESSPAY_CSV' AND (k = 1 OR abs(hashtext(f.id::text)) % 3 = 0)`,
  );
  await phase(
    "deliveries",
    `INSERT INTO "BatchDelivery" (id, "batchId", "attemptNo", "startedAt", "finishedAt", outcome, target, "fileName", "byteSize", "triggeredBy")
     SELECT gen_random_uuid(), b.id, 1, b."createdAt" + interval '2 minutes', b."deliveredAt", 'DELIVERED', b."deliveryTarget",
            f."fileName", 1000, 'cron'
     FROM "Batch" b JOIN "BatchFile" f ON f."batchId" = b.id WHERE b.method = 'CASH'`,
  );
  await phase(
    "payment codes",
    `UPDATE "Payment" SET "paymentCode" = upper(substr(md5(id::text), 1, 13)), "codeIssuedAt" = "createdAt" + interval '1 day 4 hours',
            "codeUploadId" = '00000000-0000-4000-8000-00000000a002'
     WHERE method = 'CASH' AND status <> 'NEW'`,
  );
  // The status history, as movePayments and recordPaymentsCreated write it.
  let history = await phase(
    "history: created, held",
    `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", "holdReason", at, "actorId", "actorLabel")
     SELECT p.id, gen_random_uuid(), 'payment.created', NULL::"PaymentStatus", 'NEW'::"PaymentStatus", NULL::"HoldReason", p."createdAt",
            c."assignedToId", 'bench-caseworker'
     FROM "Payment" p JOIN "Claim" c ON c.id = p."claimId"
     UNION ALL
     SELECT p.id, gen_random_uuid(), 'payment.held', 'NEW', 'NEW', p."holdReason", p."createdAt" + interval '1 day 8 hours', NULL,
            'Direct payments run (cron)'
     FROM "Payment" p WHERE p."holdReason" IS NOT NULL`,
  );
  history += await phase(
    "history: sent, paid, failed, cashed",
    `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorId", "actorLabel", reason,
                                         "runId", "batchId", "uploadId")
     SELECT l."paymentId", gen_random_uuid(), 'payment.sent', 'NEW'::"PaymentStatus", 'SENT'::"PaymentStatus",
            b."createdAt" + interval '1 minute', NULL::uuid,
            'Direct payments run (cron)', NULL, b."runId", b.id, NULL::uuid
     FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId"
     UNION ALL
     SELECT l."paymentId", gen_random_uuid(),
            CASE p.status WHEN 'PAID' THEN 'payment.paid' WHEN 'FAILED' THEN 'payment.failed' ELSE 'payment.cashed' END,
            'SENT', p.status, b."createdAt" + interval '8 days',
            CASE WHEN p.status = 'FAILED' THEN '00000000-0000-4000-8000-00000000f001'::uuid END,
            CASE WHEN p.status = 'FAILED' THEN 'bench-finance@bench.disburse.test' ELSE 'Direct payments run (cron)' END,
            CASE WHEN p.status = 'FAILED' THEN 'Account closed' END,
            CASE WHEN p.status = 'PAID' THEN b."runId" END, NULL,
            CASE p.status WHEN 'FAILED' THEN '00000000-0000-4000-8000-00000000a001'::uuid
                          WHEN 'CASHED' THEN '00000000-0000-4000-8000-00000000a003'::uuid END
     FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" JOIN "Payment" p ON p.id = l."paymentId"
     WHERE p.status IN ('PAID', 'FAILED', 'CASHED')`,
  );
  await phase(
    "claim timeline: approvals",
    `INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
     SELECT gen_random_uuid(), p."claimId", p."createdAt", c."assignedToId", 'claim.approved', 'Approved: payment ' || p.reference || ' created',
            jsonb_build_object('paymentId', p.id, 'paymentReference', p.reference, 'amountPence', p."amountPence")
     FROM "Payment" p JOIN "Claim" c ON c.id = p."claimId"`,
  );
  const messages = await phase(
    "messages",
    `INSERT INTO "Notification" (id, "claimantId", "claimId", "paymentId", channel, template, recipient, personalisation, status, "createdAt", "sentAt")
     SELECT gen_random_uuid(), p."personId", p."claimId", NULL::uuid, 'EMAIL'::"NotificationChannel", 'CLAIM_APPROVED',
            'bench@example.test', '{}'::jsonb, 'SENT'::"NotificationStatus",
            p."createdAt", p."createdAt" + interval '1 minute'
     FROM "Payment" p
     UNION ALL
     SELECT gen_random_uuid(), p."personId", p."claimId", NULL, 'SMS', 'PAYMENT_FAILED', '07700900000', '{}', 'SENT',
            p."createdAt" + interval '9 days', p."createdAt" + interval '9 days 1 minute'
     FROM "Payment" p WHERE p.status = 'FAILED'
     UNION ALL
     SELECT gen_random_uuid(), p."personId", p."claimId", p.id, 'LETTER', 'payout-voucher', '1 High Street', '{}', 'SENT',
            p."codeIssuedAt", p."codeIssuedAt" + interval '1 hour'
     FROM "Payment" p WHERE p."paymentCode" IS NOT NULL`,
  );
  const reissued = await phase(
    "reissues",
    `INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "replacesId", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), left(p.reference, 7) || '-02', p."personId", p."claimId", 'BANK', p."amountPence", 'NEW', p.id,
            p."createdAt" + interval '20 days', p."createdAt" + interval '20 days'
     FROM "Payment" p WHERE p.status = 'FAILED' AND abs(hashtext(p.id::text)) % 2 = 0`,
  );
  history += await phase(
    "history: reissues created",
    `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorLabel")
     SELECT p.id, gen_random_uuid(), 'payment.reissued', NULL, 'NEW', p."createdAt", 'bench-caseworker'
     FROM "Payment" p WHERE p."replacesId" IS NOT NULL`,
  );
  for (const table of [
    "Payment",
    "PaymentStatusHistory",
    "FileLine",
    "FileDownload",
    "Batch",
    "BatchFile",
    "BatchDelivery",
    "Run",
    "ClaimEvent",
    "Notification",
    "Upload",
    "User",
  ]) {
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  }
  const [{ payments }] = await db.$queryRawUnsafe<{ payments: number }[]>(`SELECT count(*)::int AS payments FROM "Payment"`);
  return { payments, fileLines, history, messages, reissued };
}
