import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationChannel, NotificationStatus } from "@/lib/generated/prisma/enums";
import { hasPdf, messageView } from "@/lib/notify/render-message";
import {
  beyondCursor,
  decodeInstantCursor,
  encodeInstantCursor,
  fetchLimit,
  keysetPage,
  keysetStart,
  readOrder,
  setPagePosition,
} from "@/lib/pagination/keyset";

// The outbox list: filters and position live in the URL. Keyset pagination on (createdAt, id),
// never OFFSET, so a page costs the same however far back it is and rows queued meanwhile do
// not shift what "next" shows.

export const OUTBOX_PAGE_SIZE = 50;

export const notificationStatusLabels: Record<NotificationStatus, string> = {
  QUEUED: "Queued",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Failed",
};
export const notificationChannelLabels: Record<NotificationChannel, string> = {
  EMAIL: "Email",
  SMS: "Text message",
  LETTER: "Letter",
};

export type OutboxCursor = { createdAt: Date; id: string };
export type OutboxSearch = {
  status?: NotificationStatus;
  channel?: NotificationChannel;
  /** The next page: rows older than this one. */
  after?: OutboxCursor;
  /** The previous page: rows newer than this one. */
  before?: OutboxCursor;
};

type SearchParams = Record<string, string | string[] | undefined>;

export function encodeCursor(row: OutboxCursor): string {
  return encodeInstantCursor({ at: row.createdAt, id: row.id });
}

export function decodeCursor(value: string | undefined): OutboxCursor | undefined {
  const cursor = decodeInstantCursor(value);
  return cursor && { createdAt: cursor.at, id: cursor.id };
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(value: string | undefined, allowed: Record<T, string>): T | undefined {
  return value !== undefined && Object.hasOwn(allowed, value) ? (value as T) : undefined;
}

/** Unknown or malformed values are ignored, so a hand-edited URL still shows a page. */
export function parseOutboxSearch(params: SearchParams): OutboxSearch {
  return {
    status: oneOf(one(params.status), notificationStatusLabels),
    channel: oneOf(one(params.channel), notificationChannelLabels),
    after: decodeCursor(one(params.after)),
    before: decodeCursor(one(params.before)),
  };
}

/** The URL of the outbox with these filters, at the given position. */
export function outboxHref(
  search: Pick<OutboxSearch, "status" | "channel">,
  position: { after?: string; before?: string } = {},
): string {
  const query = new URLSearchParams();
  if (search.status) query.set("status", search.status);
  if (search.channel) query.set("channel", search.channel);
  setPagePosition(query, { next: "after", previous: "before" }, { next: position.after, previous: position.before });
  const text = query.toString();
  return text ? `/outbox?${text}` : "/outbox";
}

export async function listOutbox(db: Db, search: OutboxSearch, pageSize = OUTBOX_PAGE_SIZE) {
  const start = keysetStart({ next: search.after, previous: search.before });
  const direction = readOrder("desc", start.backwards);
  const where: Prisma.NotificationWhereInput = { status: search.status, channel: search.channel };
  if (start.cursor) {
    const side = beyondCursor(direction);
    where.OR = [
      { createdAt: { [side]: start.cursor.createdAt } },
      { createdAt: start.cursor.createdAt, id: { [side]: start.cursor.id } },
    ];
  }
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: fetchLimit(pageSize),
    select: {
      id: true,
      createdAt: true,
      channel: true,
      recipient: true,
      template: true,
      personalisation: true,
      status: true,
      error: true,
      claimantId: true,
      paymentId: true,
      attempts: true,
      nextAttemptAt: true,
      claimedAt: true,
      sentAt: true,
      providerId: true,
      claim: { select: { reference: true } },
    },
  });
  const page = keysetPage(rows, { pageSize, start, cursorOf: encodeCursor });
  return {
    rows: page.rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      channel: row.channel,
      claimReference: row.claim?.reference ?? null,
      // A letter's recipient is the whole address; the first line (the name) identifies it.
      recipient: row.recipient.split("\n")[0],
      subject: subjectOf(row.personalisation) ?? row.template,
      status: row.status,
      error: row.error,
      template: row.template,
      /** A message to staff (an alert): no claimant, the recipient is a support address. */
      toStaff: row.claimantId === null,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      claimedAt: row.claimedAt,
      sentAt: row.sentAt,
      providerId: row.providerId,
      /** What its recipient sees (the sender sends exactly this). */
      view: messageView(row),
      hasPdf: hasPdf(row),
    })),
    next: page.next,
    previous: page.previous,
  };
}

function subjectOf(personalisation: Prisma.JsonValue): string | undefined {
  if (typeof personalisation !== "object" || personalisation === null || Array.isArray(personalisation)) return undefined;
  const subject = (personalisation as Record<string, unknown>).subject;
  return typeof subject === "string" ? subject : undefined;
}

export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];
