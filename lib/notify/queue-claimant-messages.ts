import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_REFERENCE_LABEL, claimantMessage, type ClaimantMessageKind } from "./claimant-messages";

// queueClaimantMessage for any number of claimants in two statements' worth of SQL: the outbox rows
// and their timeline entries by INSERT … SELECT. The words stay those of the pure claimantMessage:
// it is rendered once here with markers, turned into a format() template, and PostgreSQL only fills
// in each claimant's values, so no text is written twice. The channel and address follow
// recipientFor, mirrored in recipientSql below.

const MARK = {
  firstName: "\u0001F\u0001",
  claimReference: "\u0001R\u0001",
  reason: "\u0001W\u0001",
  referenceLabel: "\u0001L\u0001",
} as const;

const channelNames = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;

/**
 * The message body of `kind` as a PostgreSQL format() string: %1$s the first name, %2$s the claim
 * reference, %3$s the reason (the "with reason" form only), %4$s the words before the reference.
 */
export function messageTemplate(kind: ClaimantMessageKind, withReason: boolean): { subject: string; body: string } {
  const { subject, body } = claimantMessage(kind, {
    firstName: MARK.firstName,
    claimReference: MARK.claimReference,
    referenceLabel: MARK.referenceLabel,
    ...(withReason ? { reason: MARK.reason } : {}),
  });
  const template = body
    .replaceAll("%", "%%")
    .replaceAll(MARK.firstName, "%1$s")
    .replaceAll(MARK.claimReference, "%2$s")
    .replaceAll(MARK.reason, "%3$s")
    .replaceAll(MARK.referenceLabel, "%4$s");
  return { subject, body: template };
}

/** recipientFor in SQL, for the Claimant row aliased `cl`: the channel asked for if it can be used, else a letter. */
export function recipientSql(): { channel: Prisma.Sql; recipient: Prisma.Sql } {
  const channel = Prisma.sql`CASE
      WHEN cl."contactPreference" = 'EMAIL' AND coalesce(cl.email, '') <> '' THEN 'EMAIL'
      WHEN cl."contactPreference" = 'SMS' AND coalesce(cl.phone, '') <> '' THEN 'SMS'
      ELSE 'LETTER' END`;
  const recipient = Prisma.sql`CASE
      WHEN cl."contactPreference" = 'EMAIL' AND coalesce(cl.email, '') <> '' THEN cl.email
      WHEN cl."contactPreference" = 'SMS' AND coalesce(cl.phone, '') <> '' THEN cl.phone
      ELSE concat_ws(E'\\n', cl."firstName" || ' ' || cl."lastName", nullif(cl."addressLine1", ''), nullif(cl."addressLine2", ''),
                     nullif(cl.town, ''), nullif(cl.county, ''), nullif(cl.postcode, '')) END`;
  return { channel, recipient };
}

/**
 * Puts one message per row of `rows` in the outbox and notes it on the timeline of every claim the
 * row names. `rows` selects claimant_id (the person told), claim_id (the claim the message belongs
 * to; null for a message about payments of no claim, a cycle's), claim_reference (the reference the
 * message ends with), reference_label (the words before it; null for "Claim reference"), reason
 * (null for none) and claim_ids (every claim whose timeline shows the message; empty for none).
 * With `dedupe`, `rows` also selects dedupe_key: a row whose key was queued before (by this call or
 * an earlier one) queues nothing. Returns the number of messages queued.
 */
export async function queueClaimantMessages(
  tx: SqlTx,
  options: { kind: ClaimantMessageKind; rows: Prisma.Sql; actorId: string | null; now: Date; dedupe?: boolean },
): Promise<number> {
  const withReason = messageTemplate(options.kind, true);
  const withoutReason = messageTemplate(options.kind, false);
  const { channel, recipient } = recipientSql();
  const now = Prisma.sql`(${options.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [{ count }] = await tx.$queryRaw<{ count: number }[]>`
    WITH m AS (
      SELECT r.claimant_id, r.claim_id, r.claim_ids, r.claim_reference,
             ${options.dedupe ? Prisma.sql`r.dedupe_key` : Prisma.sql`NULL::text`} AS dedupe_key,
             ${channel} AS channel, ${recipient} AS recipient,
             format(CASE WHEN r.reason IS NULL THEN ${withoutReason.body} ELSE ${withReason.body} END,
                    cl."firstName", r.claim_reference, r.reason,
                    coalesce(r.reference_label, ${DEFAULT_REFERENCE_LABEL}::text)) AS body
      FROM (${options.rows}) r JOIN "Claimant" cl ON cl.id = r.claimant_id
    ),
    queued AS (
      INSERT INTO "Notification" (id, "claimantId", "claimId", "dedupeKey", channel, template, recipient, personalisation, "createdAt")
      SELECT gen_random_uuid(), m.claimant_id, m.claim_id, m.dedupe_key, m.channel::"NotificationChannel", ${options.kind},
             m.recipient, jsonb_build_object('subject', ${withReason.subject}::text, 'body', m.body, 'claimReference', m.claim_reference),
             ${now}
      FROM m
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "claimantId", "claimId", channel::text AS channel
    ),
    events AS (
      INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
      SELECT gen_random_uuid(), c.claim_id, ${now}, ${options.actorId}::uuid, 'message.queued',
             CASE q.channel WHEN 'EMAIL' THEN ${channelNames.EMAIL}::text WHEN 'SMS' THEN ${channelNames.SMS}::text
                            ELSE ${channelNames.LETTER}::text END || ' queued: ' || ${withReason.subject}::text,
             jsonb_build_object('notificationId', q.id, 'channel', q.channel)
      FROM queued q JOIN m ON m.claimant_id = q."claimantId" AND m.claim_id IS NOT DISTINCT FROM q."claimId"
      CROSS JOIN LATERAL unnest(m.claim_ids) AS c(claim_id)
    )
    SELECT count(*)::int AS count FROM queued`;
  return count;
}
