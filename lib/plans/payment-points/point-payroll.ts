import type { SqlTx } from "@/lib/db/pg-transaction";

// A point's share of a cycle's payroll (its payments, fixed when the payroll was built), for the
// point's payroll page: the cycles it can be chosen from, and the point's payments counted and
// totalled by status. Cancelled and carried-over payments are not part of what the payroll pays.

export type PointCycleChoice = {
  id: string;
  planCode: string;
  planName: string;
  periodStart: string;
  periodEnd: string;
  status: string;
};

/** The cycles of every payment plan of the point's benefit plan, newest period first. */
export async function listPointCycles(db: SqlTx, benefitPlanId: string): Promise<PointCycleChoice[]> {
  return db.$queryRaw<PointCycleChoice[]>`
    SELECT c.id, pp.code AS "planCode", pp.name AS "planName", c."periodStart"::text AS "periodStart",
           c."periodEnd"::text AS "periodEnd", c.status::text AS status
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    WHERE pp."benefitPlanId" = ${benefitPlanId}::uuid
    ORDER BY c."periodStart" DESC, pp.code, c.id`;
}

export type PointPayrollSummary = {
  payments: number;
  totalPence: number;
  byStatus: { status: string; payments: number; totalPence: number }[];
};

const OUTSIDE = ["CANCELLED", "CARRIED_OVER"];

export async function loadPointPayrollSummary(
  db: SqlTx,
  options: { cycleId: string; pointId: string },
): Promise<PointPayrollSummary> {
  const groups = await db.$queryRaw<{ status: string; payments: number; totalPence: bigint }[]>`
    SELECT status::text AS status, count(*)::int AS payments, sum("amountPence")::bigint AS "totalPence"
    FROM "Payment" WHERE "cycleId" = ${options.cycleId}::uuid AND "paymentPointId" = ${options.pointId}::uuid
    GROUP BY status ORDER BY status`;
  const byStatus = groups.map((g) => ({ status: g.status, payments: g.payments, totalPence: Number(g.totalPence) }));
  const paid = byStatus.filter((g) => !OUTSIDE.includes(g.status));
  return {
    payments: paid.reduce((n, g) => n + g.payments, 0),
    totalPence: paid.reduce((n, g) => n + g.totalPence, 0),
    byStatus,
  };
}

/** The points of a cycle's benefit plan, in position order: the cycle page's point filter. */
export async function listCyclePoints(db: SqlTx, cycleId: string): Promise<{ id: string; name: string }[]> {
  return db.$queryRaw<{ id: string; name: string }[]>`
    SELECT pt.id, pt.name
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    JOIN "PaymentPoint" pt ON pt."benefitPlanId" = pp."benefitPlanId"
    WHERE c.id = ${cycleId}::uuid ORDER BY pt.position`;
}
