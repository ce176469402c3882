import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { RECONCILIATION_TRANSITIONS } from "@/lib/payments/rules/payment-transitions";
import { CHANGED_NAMED, changedWhileChecked } from "@/lib/uploads/changed-while-checked";
import { VOUCHER_FINAL_STATUSES, type VoucherFinalStatus } from "../parse-reconciliation";

/**
 * Records the MATCHED rows of a Payout reconciliation upload
 * (docs/file-formats.md#payout-reconciliation-upload), inside the upload's transaction, set-based:
 *
 *   1. the vouchers are locked (in id order) and checked again: one that is no longer SENT (an admin
 *      returned its batch, say) fails the whole upload (CONFLICT);
 *   2. movePayments once per status the file reports (cash, expire, voucher-cancel), never once per
 *      row: each voucher takes its status with the Post Office's date, its history, audit and
 *      timeline rows, and the claims' "needs attention" (an expired or cancelled voucher waits to
 *      be reissued).
 */

export async function applyReconciliation(
  tx: SqlTx,
  options: {
    /** SQL selecting the changes: columns "paymentId", status (CASHED, EXPIRED, CANCELLED), "statusDate". */
    changes: Prisma.Sql;
    uploadId: string;
    actor: { id: string; email: string };
    mover: "SYSTEM" | "CASEWORKER";
    now: Date;
  },
): Promise<Record<VoucherFinalStatus, number>> {
  const { changes, uploadId, actor, mover, now } = options;
  const moved: Record<VoucherFinalStatus, number> = { CASHED: 0, EXPIRED: 0, CANCELLED: 0 };

  // 1. One statement, in id order: two transactions locking overlapping payments cannot deadlock.
  const [check] = await tx.$queryRaw<
    { wanted: Record<string, number> | null; missing: number; changed: { reference: string; status: string }[] }[]
  >`
    WITH c AS (${changes}),
    locked AS (
      SELECT p.id, p.reference, p.status::text AS status FROM "Payment" p
      WHERE p.id IN (SELECT "paymentId" FROM c) ORDER BY p.id FOR UPDATE
    )
    SELECT (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM c GROUP BY status) s) AS wanted,
           ((SELECT count(DISTINCT "paymentId") FROM c) - (SELECT count(*) FROM locked))::int AS missing,
           coalesce((SELECT json_agg(json_build_object('reference', x.reference, 'status', x.status) ORDER BY x.reference)
                     FROM (SELECT * FROM locked WHERE status <> 'SENT' ORDER BY reference LIMIT ${CHANGED_NAMED + 1}) x),
                    '[]'::json) AS changed`;
  if (!check.wanted) return moved;
  const changed = check.changed.map((p) => ({ reference: p.reference, why: `now ${p.status.toLowerCase()}` }));
  const conflict = changedWhileChecked(changed, check.missing);
  if (conflict) throw conflict;

  // 2. One move per status reported.
  for (const status of VOUCHER_FINAL_STATUSES) {
    const wanted = check.wanted[status] ?? 0;
    if (wanted === 0) continue;
    const { count } = await movePayments(tx, {
      transition: RECONCILIATION_TRANSITIONS[status],
      mover,
      query: Prisma.sql`SELECT c."paymentId" AS id, c."statusDate" AS date FROM (${changes}) c WHERE c.status = ${status}`,
      queryColumns: { date: "date" },
      actor,
      now,
      source: { uploadId },
    });
    // Locked and SENT above, so every one moves; anything else is a bug, and rolls the upload back.
    if (count !== wanted) throw new Error(`reconciliation: ${count} of ${wanted} vouchers moved to ${status}`);
    moved[status] = count;
  }
  return moved;
}
