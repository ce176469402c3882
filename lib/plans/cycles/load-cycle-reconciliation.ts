import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { POST_OFFICE_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { lateFailureSql } from "./list-late-failures";
import type { CycleStatus } from "./rules/cycle-decisions";
import type { CategoryFigures, ReconciliationCategory } from "./rules/reconciliation";

// A cycle's reconciliation figures (docs/cycle-reconciliation.md): its payments counted and totalled
// by category in one GROUP BY, whatever their number, the plan's carry-over setting, who reconciled
// it and how many payments failed since. Locked (FOR UPDATE of the cycle) when reconcileCycle reads it.

export type CycleReconciliation = {
  cycle: {
    id: string;
    status: CycleStatus;
    version: number;
    planCode: string;
    planName: string;
    periodStart: string;
    periodEnd: string;
    carryOverUnpaid: boolean;
    reconciledAt: Date | null;
    reconciledByName: string | null;
  };
  figures: CategoryFigures;
  lateFailures: number;
};

/** categoryOf (rules/reconciliation.ts) in SQL, for the Payment row aliased `p`. */
export function categorySql(p: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
      WHEN ${p}.status = 'CANCELLED' AND ${p}."cancelReason" = ${POST_OFFICE_CANCEL_REASON} THEN 'POST_OFFICE_CANCELLED'
      WHEN ${p}.status IN ('DRAFT', 'SUSPENDED') THEN 'NOT_APPROVED'
      ELSE ${p}.status::text END`;
}

export async function loadCycleReconciliation(
  db: SqlTx,
  cycleId: string,
  options: { lock?: boolean } = {},
): Promise<CycleReconciliation | null> {
  const [cycle] = await db.$queryRaw<CycleReconciliation["cycle"][]>`
    SELECT c.id, c.status::text AS status, c.version, pp.code AS "planCode", pp.name AS "planName",
           c."periodStart"::text AS "periodStart", c."periodEnd"::text AS "periodEnd", pp."carryOverUnpaid",
           c."reconciledAt", coalesce(u.name, u.email) AS "reconciledByName"
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId" LEFT JOIN "User" u ON u.id = c."reconciledById"
    WHERE c.id = ${cycleId}::uuid
    ${options.lock ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`;
  if (!cycle) return null;
  const groups = await db.$queryRaw<{ category: ReconciliationCategory; payments: number; totalPence: bigint }[]>`
    SELECT ${categorySql(Prisma.sql`p`)} AS category, count(*)::int AS payments, sum(p."amountPence")::bigint AS "totalPence"
    FROM "Payment" p WHERE p."cycleId" = ${cycleId}::uuid
    GROUP BY 1`;
  const [late] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "PaymentCycle" c JOIN "Payment" p ON p."cycleId" = c.id
    WHERE c.id = ${cycleId}::uuid AND ${lateFailureSql(Prisma.sql`c`, Prisma.sql`p`)}`;
  return {
    cycle,
    figures: Object.fromEntries(
      groups.map((g) => [g.category, { payments: g.payments, totalPence: Number(g.totalPence) }]),
    ) as CategoryFigures,
    lateFailures: late.count,
  };
}
