import type { SqlTx } from "@/lib/db/pg-transaction";

// A cycle's header and payroll summary for its page: who made and decided it, and its payments
// counted and totalled by status, by payment method and by payment point, from one GROUP BY.
// Cancelled and carried-over payments are not part of what the payroll pays; they are counted apart.

export type CycleHeader = {
  id: string;
  status: "PENDING_APPROVAL" | "REJECTED" | "APPROVED" | "RECONCILED";
  version: number;
  payrollVersion: number;
  planId: string;
  planCode: string;
  planName: string;
  benefitPlanId: string;
  benefitPlanCode: string;
  benefitPlanName: string;
  planVersion: number;
  periodStart: string;
  periodEnd: string;
  createdAt: Date;
  createdByName: string;
  decidedAt: Date | null;
  decidedByName: string | null;
  rejectionReason: string | null;
};

export type CycleSummary = {
  payments: number;
  totalPence: number;
  suspended: number;
  suspendedPence: number;
  byStatus: { status: string; payments: number; totalPence: number }[];
  byMethod: { method: "BANK" | "CASH"; payments: number; totalPence: number }[];
};

/** A payment point's share of the payroll; `pointId` null is the payments of no point ("No point"). */
export type PointSummary = {
  pointId: string | null;
  name: string;
  managerId: string | null;
  payments: number;
  totalPence: number;
  suspended: number;
  suspendedPence: number;
};

export type PayrollSummary = CycleSummary & { byPoint: PointSummary[] };

export const NO_POINT_NAME = "No point";

/** Statuses that are not (or no longer) part of what the payroll pays. */
const OUTSIDE = ["CANCELLED", "CARRIED_OVER"];

export async function loadCycleHeader(db: SqlTx, cycleId: string): Promise<CycleHeader | null> {
  const [header] = await db.$queryRaw<CycleHeader[]>`
    SELECT c.id, c.status::text AS status, c.version, c."payrollVersion", pp.id AS "planId", pp.code AS "planCode",
           pp.name AS "planName", bp.id AS "benefitPlanId", bp.code AS "benefitPlanCode", bp.name AS "benefitPlanName", v.version AS "planVersion",
           c."periodStart"::text AS "periodStart", c."periodEnd"::text AS "periodEnd", c."createdAt",
           coalesce(mk.name, mk.email, 'unknown') AS "createdByName", c."decidedAt", coalesce(dk.name, dk.email) AS "decidedByName",
           c."rejectionReason"
    FROM "PaymentCycle" c
    JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId" JOIN "BenefitPlan" bp ON bp.id = pp."benefitPlanId"
    JOIN "PaymentPlanVersion" v ON v.id = c."planVersionId"
    LEFT JOIN "User" mk ON mk.id = c."createdById" LEFT JOIN "User" dk ON dk.id = c."decidedById"
    WHERE c.id = ${cycleId}::uuid`;
  return header ?? null;
}

type Group = {
  status: string;
  method: "BANK" | "CASH";
  pointId: string | null;
  pointName: string | null;
  position: number | null;
  managerId: string | null;
  payments: number;
  totalPence: bigint;
};

const sum = (rows: { payments: number; totalPence: bigint }[]) => ({
  payments: rows.reduce((n, r) => n + r.payments, 0),
  totalPence: rows.reduce((n, r) => n + Number(r.totalPence), 0),
});

/** The payroll counted by status, method and point in one query (a few dozen groups, whatever its size). */
async function payrollGroups(db: SqlTx, cycleId: string): Promise<Group[]> {
  return db.$queryRaw<Group[]>`
    SELECT p.status::text AS status, p.method::text AS method, pt.id AS "pointId", pt.name AS "pointName", pt.position,
           pt."managerId", count(*)::int AS payments, sum(p."amountPence")::bigint AS "totalPence"
    FROM "Payment" p LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
    WHERE p."cycleId" = ${cycleId}::uuid
    GROUP BY p.status, p.method, pt.id ORDER BY p.status, p.method, pt.position NULLS LAST`;
}

function summarise(groups: Group[]): CycleSummary {
  const paid = groups.filter((g) => !OUTSIDE.includes(g.status));
  const statuses = [...new Set(groups.map((g) => g.status))];
  const suspended = sum(groups.filter((g) => g.status === "SUSPENDED"));
  return {
    ...sum(paid),
    suspended: suspended.payments,
    suspendedPence: suspended.totalPence,
    byStatus: statuses.map((status) => ({ status, ...sum(groups.filter((g) => g.status === status)) })),
    byMethod: (["BANK", "CASH"] as const).map((method) => ({ method, ...sum(paid.filter((g) => g.method === method)) })),
  };
}

/** Each point with payments in the payroll, by position, then "No point" when some payments have none. */
function byPoint(groups: Group[]): PointSummary[] {
  const paid = groups.filter((g) => !OUTSIDE.includes(g.status));
  const points = new Map<string | null, Group>();
  for (const g of paid) if (!points.has(g.pointId)) points.set(g.pointId, g);
  return [...points.values()]
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER))
    .map((point) => {
      const own = paid.filter((g) => g.pointId === point.pointId);
      const suspended = sum(own.filter((g) => g.status === "SUSPENDED"));
      return {
        pointId: point.pointId,
        name: point.pointName ?? NO_POINT_NAME,
        managerId: point.managerId,
        ...sum(own),
        suspended: suspended.payments,
        suspendedPence: suspended.totalPence,
      };
    });
}

export async function loadCycleSummary(db: SqlTx, cycleId: string): Promise<CycleSummary> {
  return summarise(await payrollGroups(db, cycleId));
}

/** The summary with the payroll split by payment point, for the cycle's page and its report. */
export async function loadPayrollSummary(db: SqlTx, cycleId: string): Promise<PayrollSummary> {
  const groups = await payrollGroups(db, cycleId);
  return { ...summarise(groups), byPoint: byPoint(groups) };
}
