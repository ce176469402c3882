import type { NotificationChannel, NotificationStatus } from "@/lib/generated/prisma/enums";
import { messageView, type MessageView } from "@/lib/notify/render-message";
import { INFORMATION_REQUEST_KINDS } from "../rules/information-request";

// A claim's correspondence in one thread, oldest first: each request for information (what was
// asked, by whom, by which channel, when), each response (its text, who recorded it or that the
// online service posted it, its documents) and each message sent to the claimant, as sent. Pure:
// the timeline's entries, the outbox rows and the documents in, the thread out
// (docs/correspondence-and-decisions.md#the-correspondence-thread).

/** The timeline kinds the thread reads (lib/claims/request-information.ts, record-response.ts). */
export const REQUEST_EVENT = "claim.information-requested";
export const RESPONSE_EVENT = "claim.response-received";

/** Templates of the message that carries a request to the claimant. */
const REQUEST_TEMPLATES = new Set(["INFORMATION_REQUESTED", "BANK_DETAILS_REQUESTED"]);

/** A request's message is queued in the request's own transaction: within this of it. */
const SAME_TRANSACTION_MS = 60_000;

export type ThreadEvent = { id: string; kind: string; at: Date; actorName: string | null; detail: unknown };

export type ThreadNotification = {
  id: string;
  channel: NotificationChannel;
  template: string;
  recipient: string;
  personalisation: unknown;
  status: NotificationStatus;
  createdAt: Date;
  sentAt: Date | null;
  paymentId: string | null;
};

export type ThreadDocument = { id: string; fileName: string; responseEventId: string | null };

export type ThreadMessage = {
  id: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  sentAt: Date | null;
  /** What the message is about, even for a text message, which is sent without it. */
  subject: string;
  /** As its recipient sees it (lib/notify/render-message.ts), as the outbox shows it. */
  view: MessageView;
};

export type ThreadItem =
  | {
      kind: "request";
      id: string;
      at: Date;
      by: string | null;
      /** "More information" or "New bank details". */
      asked: string;
      note: string;
      /** The message that took the request to the claimant; null if none is found. */
      message: ThreadMessage | null;
    }
  | {
      kind: "response";
      id: string;
      at: Date;
      /** The caseworker who recorded it; null when the online service posted it. */
      by: string | null;
      text: string;
      documents: { id: string; fileName: string }[];
    }
  | { kind: "message"; id: string; at: Date; message: ThreadMessage };

function field(detail: unknown, name: string): string {
  if (typeof detail !== "object" || detail === null) return "";
  const value = (detail as Record<string, unknown>)[name];
  return typeof value === "string" ? value : "";
}

function threadMessage(n: ThreadNotification): ThreadMessage {
  return {
    id: n.id,
    channel: n.channel,
    status: n.status,
    sentAt: n.sentAt,
    subject: field(n.personalisation, "subject"),
    view: messageView(n),
  };
}

export function correspondenceThread(input: {
  events: readonly ThreadEvent[];
  notifications: readonly ThreadNotification[];
  documents: readonly ThreadDocument[];
}): ThreadItem[] {
  const byTime =
    <T>(at: (x: T) => Date) =>
    (a: T, b: T) =>
      at(a).getTime() - at(b).getTime();
  const events = [...input.events].sort(byTime((e) => e.at));
  const notifications = [...input.notifications].sort(byTime((n) => n.createdAt));
  const paired = new Set<string>();
  const items: ThreadItem[] = [];

  for (const event of events) {
    if (event.kind === REQUEST_EVENT) {
      const code = field(event.detail, "kind");
      // The first request message queued at or after the request, in its transaction.
      const message = notifications.find(
        (n) =>
          !paired.has(n.id) &&
          REQUEST_TEMPLATES.has(n.template) &&
          n.createdAt.getTime() >= event.at.getTime() - 1000 &&
          n.createdAt.getTime() - event.at.getTime() <= SAME_TRANSACTION_MS,
      );
      if (message) paired.add(message.id);
      items.push({
        kind: "request",
        id: event.id,
        at: event.at,
        by: event.actorName,
        asked: INFORMATION_REQUEST_KINDS.find((k) => k.code === code)?.label ?? "Information",
        note: field(event.detail, "note"),
        message: message ? threadMessage(message) : null,
      });
    } else if (event.kind === RESPONSE_EVENT) {
      items.push({
        kind: "response",
        id: event.id,
        at: event.at,
        by: event.actorName,
        text: field(event.detail, "message"),
        documents: input.documents.filter((d) => d.responseEventId === event.id).map((d) => ({ id: d.id, fileName: d.fileName })),
      });
    }
  }
  for (const n of notifications) {
    if (!paired.has(n.id)) items.push({ kind: "message", id: n.id, at: n.createdAt, message: threadMessage(n) });
  }
  // Stable: at the same instant a request stays before its response, as they were read.
  return items.sort(byTime((i) => i.at));
}
