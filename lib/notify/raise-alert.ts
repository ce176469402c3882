import type { SqlTx } from "@/lib/db/pg-transaction";
import { config } from "@/lib/config";
import { Prisma } from "@/lib/generated/prisma/client";
import { ALERT_BODY_FOOTER, ALERT_SUBJECT_PREFIX, alertKindTitles, OTHER_ALERT_TITLE } from "./rules/alert-email";

/**
 * Alerts for support (docs/domain.md#alerts): one Alert row per event, never two (its eventKey is
 * unique), and one email per support address queued through the ordinary outbox and sender
 * (template "support-alert", no claimant, dedupeKey "<eventKey>:<address>"). Raising the same event
 * again does nothing. Both inserts are one statement, in the caller's transaction.
 */

export interface AlertToRaise {
  /** "run-failed", "delivery-failed", "codes-overdue", … (the email's subject names the known ones). */
  kind: string;
  /** What makes it one event, e.g. "run-failed:<runId>". */
  eventKey: string;
  /** What happened and what to do, in a sentence or two: the alert's text and the email's. */
  message: string;
  runId?: string | null;
  batchId?: string | null;
  now?: Date;
  /** Who is told; default SUPPORT_ALERT_EMAILS. */
  addresses?: readonly string[];
}

export async function raiseAlert(tx: SqlTx, alert: AlertToRaise): Promise<{ raised: boolean; messages: number }> {
  const rows = Prisma.sql`SELECT ${alert.kind}::text AS kind, ${alert.eventKey}::text AS event_key, ${alert.message}::text AS message,
    ${alert.runId ?? null}::uuid AS run_id, ${alert.batchId ?? null}::uuid AS batch_id`;
  const { alerts, messages } = await raiseAlerts(tx, { rows, now: alert.now ?? new Date(), addresses: alert.addresses });
  return { raised: alerts === 1, messages };
}

/**
 * Any number of alerts at once: `rows` selects kind, event_key, message, run_id, batch_id. Events
 * already raised are skipped. Returns how many alerts and messages were new.
 */
export async function raiseAlerts(
  tx: SqlTx,
  options: { rows: Prisma.Sql; now: Date; addresses?: readonly string[] },
): Promise<{ alerts: number; messages: number }> {
  const addresses = [...(options.addresses ?? config().supportAlertEmails)];
  const now = Prisma.sql`(${options.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const titles = Object.entries(alertKindTitles);
  const [counts] = await tx.$queryRaw<{ alerts: number; messages: number }[]>`
    WITH raised AS (
      INSERT INTO "Alert" (id, kind, "eventKey", message, "runId", "batchId", "createdAt")
      SELECT gen_random_uuid(), s.kind, s.event_key, s.message, s.run_id, s.batch_id, ${now}
      FROM (${options.rows}) s
      ON CONFLICT ("eventKey") DO NOTHING
      RETURNING kind, "eventKey", message
    ),
    queued AS (
      INSERT INTO "Notification" (id, "claimantId", channel, template, recipient, personalisation, "dedupeKey", "createdAt")
      SELECT gen_random_uuid(), NULL, 'EMAIL', 'support-alert', address,
             jsonb_build_object('subject', ${ALERT_SUBJECT_PREFIX}::text || coalesce(t.title, ${OTHER_ALERT_TITLE}::text),
                                'body', r.message || ${ALERT_BODY_FOOTER}::text),
             r."eventKey" || ':' || address, ${now}
      FROM raised r
      LEFT JOIN unnest(${titles.map(([kind]) => kind)}::text[], ${titles.map(([, title]) => title)}::text[]) AS t(kind, title)
        ON t.kind = r.kind
      CROSS JOIN unnest(${addresses}::text[]) AS address
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id
    )
    SELECT (SELECT count(*)::int FROM raised) AS alerts, (SELECT count(*)::int FROM queued) AS messages`;
  return counts;
}
