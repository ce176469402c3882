import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { lateFailureSql } from "./list-late-failures";

// Every payment cycle, newest period first, with its payroll counted: the /payment-cycles list.
// A plan has one cycle per period, so even years of monthly plans are a short list. A reconciled
// cycle also counts its late failures (docs/cycle-reconciliation.md#late-failures).

export type CycleListRow = {
  id: string;
  planCode: string;
  planName: string;
  periodStart: string;
  periodEnd: string;
  status: "PENDING_APPROVAL" | "REJECTED" | "APPROVED" | "RECONCILED";
  payrollVersion: number;
  createdAt: Date;
  createdByName: string;
  payments: number;
  totalPence: number;
  suspended: number;
  reconciledAt: Date | null;
  /** Payments that failed after the cycle was reconciled. */
  lateFailures: number;
};

export const CYCLE_LIST_LIMIT = 500;

export async function listCycles(db: SqlTx): Promise<CycleListRow[]> {
  const rows = await db.$queryRaw<(Omit<CycleListRow, "totalPence"> & { totalPence: bigint })[]>`
    SELECT c.id, pp.code AS "planCode", pp.name AS "planName", c."periodStart"::text AS "periodStart",
           c."periodEnd"::text AS "periodEnd", c.status::text AS status, c."payrollVersion", c."createdAt",
           coalesce(u.name, u.email, 'unknown') AS "createdByName",
           s.payments, s."totalPence", s.suspended, c."reconciledAt", s."lateFailures"
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId" LEFT JOIN "User" u ON u.id = c."createdById"
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE p.status NOT IN ('CANCELLED', 'CARRIED_OVER'))::int AS payments,
             coalesce(sum(p."amountPence") FILTER (WHERE p.status NOT IN ('CANCELLED', 'CARRIED_OVER')), 0)::bigint AS "totalPence",
             count(*) FILTER (WHERE p.status = 'SUSPENDED')::int AS suspended,
             count(*) FILTER (WHERE ${lateFailureSql(Prisma.sql`c`, Prisma.sql`p`)})::int AS "lateFailures"
      FROM "Payment" p WHERE p."cycleId" = c.id
    ) s
    ORDER BY c."periodStart" DESC, pp.name, c.id
    LIMIT ${CYCLE_LIST_LIMIT}`;
  return rows.map((r) => ({ ...r, totalPence: Number(r.totalPence) }));
}
