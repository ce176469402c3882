import type { SqlTx } from "@/lib/db/pg-transaction";

/** A cycle's timeline, newest first, with who did each step. */
export type CycleEventRow = { id: string; at: Date; kind: string; summary: string; actorName: string };

export async function loadCycleTimeline(db: SqlTx, cycleId: string): Promise<CycleEventRow[]> {
  return db.$queryRaw<CycleEventRow[]>`
    SELECT e.id::text AS id, e.at, e.kind, e.summary, coalesce(u.name, e."actorLabel") AS "actorName"
    FROM "PaymentCycleEvent" e LEFT JOIN "User" u ON u.id = e."actorId"
    WHERE e."cycleId" = ${cycleId}::uuid
    ORDER BY e.id DESC`;
}
