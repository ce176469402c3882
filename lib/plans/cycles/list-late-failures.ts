import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";

// A cycle's late failures (docs/cycle-reconciliation.md#late-failures): payments whose status
// history records a failure after the cycle was reconciled (a PAID bank payment SSCL reported
// failed later). They are FAILED, or CARRIED_OVER once a later cycle carried them; either way they
// stay listed, so the reconciled figures can be read against what changed since.

/**
 * True for a payment `p` of the reconciled cycle `c` that failed after `c."reconciledAt"`. The
 * status filter only narrows the history lookup: a failed payment is FAILED or, carried, CARRIED_OVER.
 */
export function lateFailureSql(c: Prisma.Sql, p: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${c}."reconciledAt" IS NOT NULL AND ${p}.status IN ('FAILED', 'CARRIED_OVER')
    AND EXISTS (SELECT 1 FROM "PaymentStatusHistory" h
                WHERE h."paymentId" = ${p}.id AND h."toStatus" = 'FAILED' AND h.at > ${c}."reconciledAt")`;
}

export type LateFailureRow = {
  id: string;
  reference: string;
  personReference: string | null;
  personName: string;
  amountPence: number;
  status: "FAILED" | "CARRIED_OVER";
  failedAt: Date;
  reason: string | null;
  /** The later payment that carries it, once carried. */
  carriedInto: string | null;
};

export const LATE_FAILURES_SHOWN = 200;

export async function listLateFailures(db: SqlTx, cycleId: string): Promise<LateFailureRow[]> {
  return db.$queryRaw<LateFailureRow[]>`
    SELECT p.id, p.reference, pr.reference AS "personReference", pr."firstName" || ' ' || pr."lastName" AS "personName",
           p."amountPence", p.status::text AS status, h.at AS "failedAt", h.reason,
           (SELECT cp.reference FROM "PaymentLine" l JOIN "Payment" cp ON cp.id = l."paymentId"
            WHERE l."carriedFromPaymentId" = p.id) AS "carriedInto"
    FROM "PaymentCycle" c
    JOIN "Payment" p ON p."cycleId" = c.id
    JOIN "Claimant" pr ON pr.id = p."personId"
    CROSS JOIN LATERAL (
      SELECT h.at, h.reason FROM "PaymentStatusHistory" h
      WHERE h."paymentId" = p.id AND h."toStatus" = 'FAILED' AND h.at > c."reconciledAt"
      ORDER BY h.id LIMIT 1
    ) h
    WHERE c.id = ${cycleId}::uuid AND c."reconciledAt" IS NOT NULL AND p.status IN ('FAILED', 'CARRIED_OVER')
    ORDER BY h.at, p.reference COLLATE "C"
    LIMIT ${LATE_FAILURES_SHOWN}`;
}
