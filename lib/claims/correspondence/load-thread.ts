import type { Db } from "@/lib/db";
import { correspondenceThread, REQUEST_EVENT, RESPONSE_EVENT, type ThreadItem } from "./thread";

/** The claim's correspondence thread (thread.ts), in three indexed reads. */
export async function loadThread(db: Db, claimId: string): Promise<ThreadItem[]> {
  const [events, notifications, documents] = await Promise.all([
    db.claimEvent.findMany({
      where: { claimId, kind: { in: [REQUEST_EVENT, RESPONSE_EVENT] } },
      select: { id: true, kind: true, at: true, detail: true, actor: { select: { name: true } } },
    }),
    db.notification.findMany({
      where: { claimId },
      select: {
        id: true,
        channel: true,
        template: true,
        recipient: true,
        personalisation: true,
        status: true,
        createdAt: true,
        sentAt: true,
        paymentId: true,
      },
    }),
    db.claimDocument.findMany({
      where: { claimId, responseEventId: { not: null } },
      select: { id: true, fileName: true, responseEventId: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return correspondenceThread({
    events: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, detail: e.detail, actorName: e.actor?.name ?? null })),
    notifications,
    documents,
  });
}
