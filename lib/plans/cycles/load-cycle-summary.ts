import type { SqlTx } from "@/lib/db/pg-transaction";

// A cycle's header and payroll summary for its page: who made and decided it, and its payments
// counted and totalled by status and by payment method. Cancelled and carried-over payments are not
// part of what the payroll pays; they are counted apart.

export type CycleHeader = {
  id: string;
  status: "PENDING_APPROVAL" | "REJECTED" | "APPROVED" | "RECONCILED";
  version: number;
  payrollVersion: number;
  planId: string;
  planCode: string;
  planName: string;
  benefitPlanId: string;
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

/** Statuses that are not (or no longer) part of what the payroll pays. */
const OUTSIDE = ["CANCELLED", "CARRIED_OVER"];

export async function loadCycleHeader(db: SqlTx, cycleId: string): Promise<CycleHeader | null> {
  const [header] = await db.$queryRaw<CycleHeader[]>`
    SELECT c.id, c.status::text AS status, c.version, c."payrollVersion", pp.id AS "planId", pp.code AS "planCode",
           pp.name AS "planName", bp.id AS "benefitPlanId", bp.name AS "benefitPlanName", v.version AS "planVersion",
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

export async function loadCycleSummary(db: SqlTx, cycleId: string): Promise<CycleSummary> {
  const groups = await db.$queryRaw<{ status: string; method: "BANK" | "CASH"; payments: number; totalPence: bigint }[]>`
    SELECT status::text AS status, method::text AS method, count(*)::int AS payments, sum("amountPence")::bigint AS "totalPence"
    FROM "Payment" WHERE "cycleId" = ${cycleId}::uuid GROUP BY status, method ORDER BY status, method`;
  const paid = groups.filter((g) => !OUTSIDE.includes(g.status));
  const sum = <T extends { payments: number; totalPence: bigint }>(rows: T[]) => ({
    payments: rows.reduce((n, r) => n + r.payments, 0),
    totalPence: rows.reduce((n, r) => n + Number(r.totalPence), 0),
  });
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
