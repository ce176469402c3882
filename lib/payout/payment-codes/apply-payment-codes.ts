import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContactPreference } from "@/lib/generated/prisma/enums";
import { PAYOUT_VOUCHER_TEMPLATE, payoutVoucherMessage } from "@/lib/notify/claimant-messages";
import { recipientSql } from "@/lib/notify/queue-claimant-messages";
import { CHANGED_NAMED, changedWhileChecked } from "@/lib/uploads/changed-while-checked";

/**
 * Writes the MATCHED rows of a Payout payment-code upload
 * (docs/file-formats.md#payout-payment-code-upload), inside the upload's transaction, set-based: a
 * fixed number of statements for any number of payments.
 *
 *   1. the payments are locked (in id order) and checked again: one that is no longer SENT on a
 *      live line of the batch, or that has a code by now, fails the whole upload (CONFLICT);
 *   2. one UPDATE … FROM stores each code, when and by which upload (not a status change, so not
 *      movePayments' business), with an audit row per payment and a timeline entry per claim
 *      payment by INSERT … SELECT (a cycle's payment has no claim timeline);
 *   3. one INSERT … SELECT queues one "payout-voucher" message per payment to the person paid
 *      (Payment.personId), in their chosen channel (a letter when it cannot be used), keyed by the
 *      payment so that it is never queued twice, and notes it on the claim's timeline if it has one.
 */

const MARK = {
  firstName: "\u0001F\u0001",
  reference: "\u0001R\u0001",
  code: "\u0001C\u0001",
  amount: "\u0001A\u0001",
  expiryDate: "\u0001E\u0001",
} as const;

const channelNames = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;

/**
 * The voucher message for `channel` as a PostgreSQL format() string (%1$s first name, %2$s
 * reference, %3$s code, %4$s amount, %5$s expiry date): the pure words, filled in by the database.
 */
export function voucherMessageTemplate(channel: ContactPreference): { subject: string; body: string } {
  const { subject, body } = payoutVoucherMessage(channel, MARK);
  return {
    subject,
    body: body
      .replaceAll("%", "%%")
      .replaceAll(MARK.firstName, "%1$s")
      .replaceAll(MARK.reference, "%2$s")
      .replaceAll(MARK.code, "%3$s")
      .replaceAll(MARK.amount, "%4$s")
      .replaceAll(MARK.expiryDate, "%5$s"),
  };
}

export async function applyPaymentCodes(
  tx: SqlTx,
  options: {
    /** SQL selecting the codes to store: columns "paymentId", code. */
    codes: Prisma.Sql;
    batchId: string | null;
    uploadId: string;
    actor: { id: string; email: string };
    now: Date;
    /** For a payment whose expiry the run did not record: the batch's delivery date plus this. */
    voucherValidityDays: number;
  },
): Promise<number> {
  const { codes, batchId, uploadId, actor, now, voucherValidityDays } = options;

  // 1. One statement, in id order: two transactions locking overlapping payments cannot deadlock.
  const [check] = await tx.$queryRaw<{ wanted: number; missing: number; changed: { reference: string; why: string }[] }[]>`
    WITH c AS (${codes}),
    locked AS (
      SELECT p.id, p.reference, p.status::text AS status, p."paymentCode" AS code,
             EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND l."batchId" = ${batchId}::uuid AND NOT l."isVoid")
               AS in_batch
      FROM "Payment" p WHERE p.id IN (SELECT "paymentId" FROM c) ORDER BY p.id FOR UPDATE
    )
    SELECT (SELECT count(DISTINCT "paymentId") FROM c)::int AS wanted,
           ((SELECT count(DISTINCT "paymentId") FROM c) - (SELECT count(*) FROM locked))::int AS missing,
           coalesce((SELECT json_agg(json_build_object('reference', x.reference, 'why', x.why) ORDER BY x.reference) FROM (
                       SELECT reference, CASE WHEN status <> 'SENT' THEN 'now ' || lower(status)
                                              WHEN code IS NOT NULL THEN 'has a code now'
                                              ELSE 'no longer in this batch' END AS why
                       FROM locked WHERE status <> 'SENT' OR code IS NOT NULL OR NOT in_batch
                       ORDER BY reference LIMIT ${CHANGED_NAMED + 1}) x),
                    '[]'::json) AS changed`;
  if (check.wanted === 0) return 0;
  const conflict = changedWhileChecked(check.changed, check.missing);
  if (conflict) throw conflict;

  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const longDate = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'FMDD FMMonth YYYY')`;

  // 2. The codes, each with its audit row and timeline entry.
  await tx.$executeRaw`
    WITH c AS (${codes}),
    delivered AS (
      SELECT ((b."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date + ${voucherValidityDays}::int AS expires
      FROM "Batch" b WHERE b.id = ${batchId}::uuid
    ),
    coded AS (
      UPDATE "Payment" p
      SET "paymentCode" = c.code, "codeIssuedAt" = ${at}, "codeUploadId" = ${uploadId}::uuid,
          "voucherExpiresOn" = coalesce(p."voucherExpiresOn", (SELECT expires FROM delivered)), "updatedAt" = ${at}
      FROM c WHERE p.id = c."paymentId"
      RETURNING p.id, p."claimId", p.reference, p."voucherExpiresOn"
    ),
    audit AS (
      INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
      SELECT ${at}, ${actor.id}::uuid, ${actor.email}, 'payment.code-issued', 'Payment', k.id::text,
             jsonb_build_object('paymentCode', NULL),
             jsonb_build_object('codeUploadId', ${uploadId}::text, 'batchId', ${batchId}::text,
                                'voucherExpiresOn', to_char(k."voucherExpiresOn", 'YYYY-MM-DD'))
      FROM coded k
    )
    INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
    SELECT gen_random_uuid(), k."claimId", ${at}, ${actor.id}::uuid, 'payment.code-issued',
           'Payment ' || k.reference || ': Post Office payment code issued, to collect by ' ||
             coalesce(${longDate(Prisma.sql`k."voucherExpiresOn"`)}, 'an expiry date not recorded'),
           jsonb_build_object('paymentId', k.id, 'uploadId', ${uploadId}::text, 'batchId', ${batchId}::text)
    FROM coded k WHERE k."claimId" IS NOT NULL`;

  // 3. One message per payment, in the words of the pure template, and its timeline entry.
  const templates = {
    EMAIL: voucherMessageTemplate("EMAIL"),
    SMS: voucherMessageTemplate("SMS"),
    LETTER: voucherMessageTemplate("LETTER"),
  };
  const { channel, recipient } = recipientSql();
  const [{ queued }] = await tx.$queryRaw<{ queued: number }[]>`
    WITH c AS (${codes}),
    m AS (
      SELECT p.id AS payment_id, p."claimId" AS claim_id, cl.id AS claimant_id, ${channel} AS channel, ${recipient} AS recipient,
             cl."firstName" AS first_name, p.reference, p."paymentCode" AS code,
             '£' || to_char(p."amountPence"::numeric / 100, 'FM999,999,999,990.00') AS amount,
             ${longDate(Prisma.sql`p."voucherExpiresOn"`)} AS expiry_date
      FROM c JOIN "Payment" p ON p.id = c."paymentId" JOIN "Claimant" cl ON cl.id = p."personId"
    ),
    worded AS (
      SELECT m.*,
             CASE m.channel WHEN 'EMAIL' THEN ${templates.EMAIL.subject}::text WHEN 'SMS' THEN ${templates.SMS.subject}::text
                            ELSE ${templates.LETTER.subject}::text END AS subject,
             format(CASE m.channel WHEN 'EMAIL' THEN ${templates.EMAIL.body}::text WHEN 'SMS' THEN ${templates.SMS.body}::text
                                   ELSE ${templates.LETTER.body}::text END,
                    m.first_name, m.reference, m.code, m.amount, m.expiry_date) AS body
      FROM m
    ),
    queued AS (
      INSERT INTO "Notification" (id, "claimantId", "claimId", "paymentId", "dedupeKey", channel, template, recipient, personalisation, "createdAt")
      SELECT gen_random_uuid(), w.claimant_id, w.claim_id, w.payment_id, ${PAYOUT_VOUCHER_TEMPLATE} || ':' || w.payment_id::text,
             w.channel::"NotificationChannel", ${PAYOUT_VOUCHER_TEMPLATE}, w.recipient,
             jsonb_build_object('subject', w.subject, 'body', w.body, 'reference', w.reference, 'code', w.code,
                                'amount', w.amount, 'expiryDate', w.expiry_date, 'paymentId', w.payment_id::text),
             ${at}
      FROM worded w
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "claimId", channel::text AS channel, personalisation->>'subject' AS subject
    ),
    events AS (
      INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
      SELECT gen_random_uuid(), q."claimId", ${at}, ${actor.id}::uuid, 'message.queued',
             CASE q.channel WHEN 'EMAIL' THEN ${channelNames.EMAIL}::text WHEN 'SMS' THEN ${channelNames.SMS}::text
                            ELSE ${channelNames.LETTER}::text END || ' queued: ' || q.subject,
             jsonb_build_object('notificationId', q.id, 'channel', q.channel)
      FROM queued q WHERE q."claimId" IS NOT NULL
    )
    SELECT count(*)::int AS queued FROM queued`;
  return queued;
}
