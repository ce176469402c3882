import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationChannel, NotificationStatus } from "@/lib/generated/prisma/enums";

// The outbox list: filters and position live in the URL. Keyset pagination on (createdAt, id),
// never OFFSET, so a page costs the same however far back it is and rows queued meanwhile do
// not shift what "next" shows.

export const OUTBOX_PAGE_SIZE = 50;

export const notificationStatusLabels: Record<NotificationStatus, string> = { QUEUED: "Queued", SENT: "Sent", FAILED: "Failed" };
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

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function encodeCursor(row: OutboxCursor): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

export function decodeCursor(value: string | undefined): OutboxCursor | undefined {
  const match = value ? CURSOR.exec(value) : null;
  if (!match) return undefined;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: match[2].toLowerCase() };
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
  if (position.after) query.set("after", position.after);
  if (position.before) query.set("before", position.before);
  const text = query.toString();
  return text ? `/outbox?${text}` : "/outbox";
}

export async function listOutbox(db: Db, search: OutboxSearch, pageSize = OUTBOX_PAGE_SIZE) {
  const backwards = !search.after && !!search.before;
  const cursor = search.after ?? search.before;
  const where: Prisma.NotificationWhereInput = { status: search.status, channel: search.channel };
  if (cursor) {
    const side = backwards ? "gt" : "lt";
    where.OR = [{ createdAt: { [side]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [side]: cursor.id } }];
  }
  const direction = backwards ? "asc" : "desc";
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: pageSize + 1,
    select: {
      id: true,
      createdAt: true,
      channel: true,
      recipient: true,
      template: true,
      personalisation: true,
      status: true,
      error: true,
      claim: { select: { reference: true } },
    },
  });
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Going back, the page we came from is always there; going forward, we came from a newer page.
  const hasNext = backwards ? !!last : more;
  const hasPrevious = backwards ? more : !!cursor && !!first;
  return {
    rows: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      channel: row.channel,
      claimReference: row.claim?.reference ?? null,
      // A letter's recipient is the whole address; the first line (the name) identifies it.
      recipient: row.recipient.split("\n")[0],
      subject: subjectOf(row.personalisation) ?? row.template,
      status: row.status,
      error: row.error,
    })),
    next: hasNext && last ? encodeCursor(last) : undefined,
    previous: hasPrevious && first ? encodeCursor(first) : undefined,
  };
}

function subjectOf(personalisation: Prisma.JsonValue): string | undefined {
  if (typeof personalisation !== "object" || personalisation === null || Array.isArray(personalisation)) return undefined;
  const subject = (personalisation as Record<string, unknown>).subject;
  return typeof subject === "string" ? subject : undefined;
}

export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];
