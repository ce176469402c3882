import type pg from "pg";
import type { HoldReason, PaymentMethod } from "@/lib/generated/prisma/enums";
import { byCountDescending } from "./preview-tally";
import { PREVIEW_LIST_LIMIT, type RunPreview } from "./run-preview";

// The payments a run of `method` leaves alone because they are on hold already (Payment.holdReason:
// a caseworker's bank-details change awaiting approval, a hold a run made and nobody has released):
// counted by reason in one grouped statement, the first few listed, oldest first as the run orders.

const WAITING_ON_HOLD = `
  FROM "Payment" p
  WHERE p.status = 'NEW' AND p.method = $1::"PaymentMethod" AND p."holdReason" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid")`;

export async function loadAlreadyHeld(
  client: pg.PoolClient,
  method: PaymentMethod,
  limit = PREVIEW_LIST_LIMIT,
): Promise<RunPreview["alreadyHeld"]> {
  const groups = await client.query<{ reason: HoldReason; count: number; pence: string }>(
    `SELECT p."holdReason"::text AS reason, count(*)::int AS count, coalesce(sum(p."amountPence"), 0)::text AS pence
     ${WAITING_ON_HOLD} GROUP BY p."holdReason"`,
    [method],
  );
  const first = await client.query<{ paymentId: string; reference: string; reason: HoldReason; amountPence: number }>(
    `SELECT p.id AS "paymentId", p.reference, p."holdReason"::text AS reason, p."amountPence" AS "amountPence"
     ${WAITING_ON_HOLD} ORDER BY p."createdAt", p.id LIMIT $2::int`,
    [method, limit],
  );
  const counts = new Map(groups.rows.map((g) => [g.reason, g.count]));
  return {
    total: groups.rows.reduce((n, g) => n + g.count, 0),
    totalPence: groups.rows.reduce((n, g) => n + Number(g.pence), 0),
    byReason: byCountDescending(counts),
    first: first.rows.map((r) => ({ ...r, amountPence: Number(r.amountPence) })),
  };
}
