import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import type { LetterKit } from "./letter-kit";
import { loadVoucherDetails } from "./load-voucher-details";
import { createNotifyGateway, NotifyRequestError, type NotifyGateway, type NotifyType } from "./notify-gateway";
import { messagePdf, messageView, pdfFileName, voucherCodeOf, type MessageToRender } from "./render-message";
import { judgeFailure, type FailureVerdict } from "./rules/notify-failure";
import { notifyTemplateId, templatesWithIds } from "./rules/notify-template-id";
import { afterPassingFailure, MAX_SEND_ATTEMPTS, NOTIFY_REQUEST_TIMEOUT_MS, staleClaimCutoff } from "./rules/retry-policy";

/**
 * The sender (docs/domain.md#messages): hands due QUEUED messages to GOV.UK Notify and records
 * what happened. Never twice: a batch is claimed (SENDING, a claim token) and committed before any
 * HTTP call; every request carries the message's id as its reference; a message found SENDING
 * after a sender died, or tried again after a failure, is first looked up at Notify by that
 * reference. The HTTP calls are one per message; the bookkeeping is one statement per batch.
 */

export interface NotifySettings {
  /** Unset: nothing is sent, messages stay in the outbox. */
  apiKey?: string;
  baseUrl?: string;
  templateIds: Readonly<Record<string, string>>;
}

/** A seam for crash tests: a hook that throws (or never returns) after a step has committed. */
export interface SendFaults {
  after?: (step: "claimed" | "sent") => void | Promise<void>;
}

export interface SendSummary {
  configured: boolean;
  sent: number;
  /** Failed for a passing reason (5xx, network): queued again for later. */
  retrying: number;
  failed: number;
  /** Found SENDING after a sender stopped: at Notify already, sent again, or Notify could not be asked. */
  recovered: { foundAtNotify: number; queuedAgain: number; notAsked: number };
  /** QUEUED email or text messages with no Notify template id in NOTIFY_TEMPLATE_IDS: left as they are. */
  waitingForTemplateId: number;
}

export const NOT_CONFIGURED = "not configured: messages stay in the outbox";

const notifyTypes: Record<NotificationChannel, NotifyType> = { EMAIL: "email", SMS: "sms", LETTER: "letter" };

type Claimed = MessageToRender & { attempts: number };

type Outcome =
  | { id: string; status: "SENT"; providerId: string; providerStatus: string | null; sentAt: Date }
  | { id: string; status: "QUEUED"; error: string | null; nextAttemptAt: Date | null }
  | { id: string; status: "FAILED"; error: string };

const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export async function sendDueMessages(options: {
  db: Db;
  now: Date;
  notify: NotifySettings;
  kit: LetterKit;
  /** Messages claimed (and recorded) together. Small: a batch's requests must end well inside a claim's 10 minutes. */
  batchSize?: number;
  /** At most this many messages a pass; the next pass takes the rest. */
  maxMessages?: number;
  gateway?: NotifyGateway;
  faults?: SendFaults;
}): Promise<SendSummary> {
  const summary: SendSummary = {
    configured: !!options.notify.apiKey,
    sent: 0,
    retrying: 0,
    failed: 0,
    recovered: { foundAtNotify: 0, queuedAgain: 0, notAsked: 0 },
    waitingForTemplateId: 0,
  };
  const apiKey = options.notify.apiKey;
  if (!apiKey) return summary;
  const { db, now, kit } = options;
  const batchSize = options.batchSize ?? 20;
  const maxMessages = options.maxMessages ?? 500;
  const gateway =
    options.gateway ?? createNotifyGateway({ apiKey, baseUrl: options.notify.baseUrl, timeoutMs: NOTIFY_REQUEST_TIMEOUT_MS });
  const sendable = sendableSql(options.notify.templateIds);

  await recoverStaleClaims({ db, now, gateway, batchSize, summary });

  for (let taken = 0; taken < maxMessages;) {
    const token = randomUUID();
    const claimed = await claimDue(db, { now, token, limit: Math.min(batchSize, maxMessages - taken), sendable });
    if (claimed.length === 0) break;
    taken += claimed.length;
    await options.faults?.after?.("claimed");

    const vouchers = await loadVoucherDetails(
      db,
      claimed.filter((m) => voucherCodeOf(m) !== null).map((m) => m.id),
    );
    const outcomes: Outcome[] = [];
    for (const message of claimed) {
      const outcome = await sendOne(
        { ...message, voucher: vouchers.get(message.id) ?? null },
        {
          gateway,
          kit,
          now,
          templateIds: options.notify.templateIds,
        },
      );
      outcomes.push(outcome);
      if (outcome.status === "SENT") summary.sent += 1;
      else if (outcome.status === "QUEUED") summary.retrying += 1;
      else summary.failed += 1;
    }
    await options.faults?.after?.("sent");
    await recordOutcomes(db, token, outcomes);
  }

  const [{ waiting }] = await db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM "Notification" n WHERE n.status = 'QUEUED' AND NOT ${sendable}`;
  summary.waitingForTemplateId = waiting;
  return summary;
}

/** Only messages that can be sent are claimed: a letter always; an email or text once its template has an id. */
function sendableSql(templateIds: Readonly<Record<string, string>>): Prisma.Sql {
  const t = templatesWithIds(templateIds);
  return Prisma.sql`(n.channel = 'LETTER'
    OR (n.channel = 'EMAIL' AND (${t.EMAIL.all}::boolean OR n.template = ANY(${t.EMAIL.templates}::text[])))
    OR (n.channel = 'SMS' AND (${t.SMS.all}::boolean OR n.template = ANY(${t.SMS.templates}::text[]))))`;
}

const claimedColumns = Prisma.sql`n.id, n.channel::text AS channel, n.template, n.recipient, n.personalisation,
  (n."createdAt" AT TIME ZONE 'UTC') AS "createdAt", n."paymentId", n.attempts`;

/** Claims up to `limit` due messages in one statement, committed before anything is sent. */
async function claimDue(db: Db, args: { now: Date; token: string; limit: number; sendable: Prisma.Sql }): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT n.id FROM "Notification" n
      WHERE n.status = 'QUEUED' AND (n."nextAttemptAt" IS NULL OR n."nextAttemptAt" <= ${utc(args.now)}) AND ${args.sendable}
      ORDER BY n."createdAt", n.id
      LIMIT ${args.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Notification" n
    SET status = 'SENDING', "claimToken" = ${args.token}::uuid, "claimedAt" = ${utc(args.now)}, attempts = n.attempts + 1
    FROM due WHERE n.id = due.id
    RETURNING ${claimedColumns}`;
}

/**
 * Messages left SENDING by a sender that stopped (claimed more than 10 minutes ago): claimed
 * afresh, then Notify is asked for each by reference. Found: SENT with Notify's id. Not found: it
 * never arrived, so it is queued again. Notify not answering: left SENDING for the next pass.
 */
async function recoverStaleClaims(args: { db: Db; now: Date; gateway: NotifyGateway; batchSize: number; summary: SendSummary }) {
  const { db, now, gateway, summary } = args;
  for (;;) {
    const token = randomUUID();
    const stale = await db.$queryRaw<Claimed[]>`
      WITH stale AS (
        SELECT n.id FROM "Notification" n
        WHERE n.status = 'SENDING' AND n."claimedAt" < ${utc(staleClaimCutoff(now))}
        ORDER BY n."claimedAt", n.id
        LIMIT ${args.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Notification" n SET "claimToken" = ${token}::uuid, "claimedAt" = ${utc(now)}
      FROM stale WHERE n.id = stale.id
      RETURNING ${claimedColumns}`;
    if (stale.length === 0) return;
    const outcomes: Outcome[] = [];
    for (const message of stale) {
      try {
        const found = await gateway.findByReference(notifyTypes[message.channel], message.id);
        if (found) {
          summary.recovered.foundAtNotify += 1;
          outcomes.push({
            id: message.id,
            status: "SENT",
            providerId: found.id,
            providerStatus: found.status,
            sentAt: instant(found.createdAt) ?? now,
          });
        } else {
          summary.recovered.queuedAgain += 1;
          outcomes.push({
            id: message.id,
            status: "QUEUED",
            error: "A sender stopped before recording this message; Notify had not received it, so it is sent again.",
            nextAttemptAt: null,
          });
        }
      } catch {
        summary.recovered.notAsked += 1;
      }
    }
    await recordOutcomes(db, token, outcomes);
    // Every one Notify could not be asked about keeps this pass's claim; stop rather than loop on them.
    if (outcomes.length < stale.length) return;
  }
}

function instant(text: string | null): Date | null {
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

async function sendOne(
  message: Claimed,
  context: { gateway: NotifyGateway; kit: LetterKit; now: Date; templateIds: Readonly<Record<string, string>> },
): Promise<Outcome> {
  const { gateway, now } = context;
  try {
    // A message tried before may have reached Notify even though that attempt failed (a timeout,
    // a 5xx after Notify had saved it): ask first.
    if (message.attempts > 1) {
      const found = await gateway.findByReference(notifyTypes[message.channel], message.id);
      if (found)
        return {
          id: message.id,
          status: "SENT",
          providerId: found.id,
          providerStatus: found.status,
          sentAt: instant(found.createdAt) ?? now,
        };
    }
    const { id } = await deliver(message, context);
    return { id: message.id, status: "SENT", providerId: id, providerStatus: null, sentAt: now };
  } catch (error) {
    const verdict: FailureVerdict =
      error instanceof NotifyRequestError
        ? judgeFailure(error.failure)
        : { kind: "permanent", reason: error instanceof Error ? error.message : String(error) };
    if (verdict.kind === "permanent") return { id: message.id, status: "FAILED", error: verdict.reason };
    const next = afterPassingFailure(message.attempts, now);
    return next.kind === "retry"
      ? { id: message.id, status: "QUEUED", error: verdict.reason, nextAttemptAt: next.nextAttemptAt }
      : { id: message.id, status: "FAILED", error: `Gave up after ${MAX_SEND_ATTEMPTS} attempts. ${verdict.reason}` };
  }
}

/**
 * The Notify request for a message. Email and text: the template for the portal's template and
 * channel, with personalisation {subject, body} (text messages: {body}); a voucher email adds
 * link_to_file, the voucher PDF. Letters: the rendered PDF, precompiled.
 */
async function deliver(
  message: Claimed,
  context: { gateway: NotifyGateway; kit: LetterKit; templateIds: Readonly<Record<string, string>> },
): Promise<{ id: string }> {
  const { gateway, kit } = context;
  const view = messageView(message);
  if (view.channel === "LETTER") {
    const pdf = await messagePdf(message, kit);
    if (!pdf) throw new Error("the letter has no PDF");
    return gateway.sendPrecompiledLetter(message.id, pdf);
  }
  if (view.body.trim() === "") throw new Error("the message has no text to send");
  const templateId = notifyTemplateId(context.templateIds, message.template, view.channel);
  if (!templateId) throw new Error(`no Notify template id for ${message.template} (${view.channel}) in NOTIFY_TEMPLATE_IDS`);
  if (view.channel === "SMS") return gateway.sendSms(templateId, view.to, { body: view.body }, message.id);
  const personalisation: Record<string, unknown> = { subject: view.subject, body: view.body };
  const pdf = await messagePdf(message, kit);
  if (pdf) personalisation.link_to_file = gateway.prepareUpload(pdf, pdfFileName(message));
  return gateway.sendEmail(templateId, view.to, personalisation, message.id);
}

/** Every outcome of a batch in one statement, only where this sender's claim still holds. */
async function recordOutcomes(db: Db, token: string, outcomes: readonly Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const column = <T>(pick: (o: Outcome) => T) => outcomes.map(pick);
  const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
  await db.$executeRaw`
    UPDATE "Notification" n SET
      status = r.status::"NotificationStatus",
      "providerId" = coalesce(r.provider_id, n."providerId"),
      "providerStatus" = coalesce(r.provider_status, n."providerStatus"),
      "sentAt" = coalesce(r.sent_at::timestamptz AT TIME ZONE 'UTC', n."sentAt"),
      error = r.error,
      "nextAttemptAt" = r.next_attempt_at::timestamptz AT TIME ZONE 'UTC',
      "claimToken" = NULL,
      "claimedAt" = NULL
    FROM unnest(
      ${column((o) => o.id)}::uuid[],
      ${column((o) => o.status)}::text[],
      ${column((o) => (o.status === "SENT" ? o.providerId : null))}::text[],
      ${column((o) => (o.status === "SENT" ? o.providerStatus : null))}::text[],
      ${column((o) => (o.status === "SENT" ? iso(o.sentAt) : null))}::text[],
      ${column((o) => (o.status === "SENT" ? null : o.error))}::text[],
      ${column((o) => (o.status === "QUEUED" ? iso(o.nextAttemptAt) : null))}::text[]
    ) AS r(id, status, provider_id, provider_status, sent_at, error, next_attempt_at)
    WHERE n.id = r.id AND n.status = 'SENDING' AND n."claimToken" = ${token}::uuid`;
}
