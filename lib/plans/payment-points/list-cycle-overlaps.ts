import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { attributesInForce } from "@/lib/plans/cycles/beneficiaries-sql";
import { loadPlanPoints } from "./load-plan-points";
import { matchingPointIdsSql } from "./point-sql";

// A cycle's overlaps (docs/payment-points.md#overlaps): its beneficiaries whose attribute values, as
// the payroll priced them (those in force on the period's first day, or on the day a mid-period
// enrolment began), meet the filters of two or more of the plan's points as they are now. Each
// payment keeps the point it was given when the payroll was built; this says which others claim them.

export type CycleOverlapRow = {
  paymentReference: string;
  personReference: string | null;
  personName: string;
  /** The point the payment was given when the payroll was built; null: none. */
  pointName: string | null;
  /** Every point they match now, in position order. */
  matching: string[];
};

export async function listCycleOverlaps(
  db: SqlTx,
  options: { cycleId: string; limit: number },
): Promise<{ points: number; count: number; rows: CycleOverlapRow[] }> {
  const [cycle] = await db.$queryRaw<{ benefitPlanId: string; periodStart: string }[]>`
    SELECT pp."benefitPlanId", c."periodStart"::text AS "periodStart"
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId" WHERE c.id = ${options.cycleId}::uuid`;
  if (!cycle) return { points: 0, count: 0, rows: [] };
  const points = await loadPlanPoints(db, cycle.benefitPlanId);
  if (points.length < 2) return { points: points.length, count: 0, rows: [] };
  const names = new Map(points.map((p) => [p.id, p.name]));
  const [result] = await db.$queryRaw<
    { count: number; rows: (Omit<CycleOverlapRow, "matching"> & { matched: string[] })[] | null }[]
  >`
    WITH d AS (
      SELECT p.reference AS "paymentReference", pr.reference AS "personReference",
             pr."firstName" || ' ' || pr."lastName" AS "personName", pt.name AS "pointName",
             ${attributesInForce(cycle.periodStart)} AS attributes
      FROM "Payment" p
      JOIN "Claimant" pr ON pr.id = p."personId"
      JOIN "Enrolment" e ON e."personId" = p."personId" AND e."benefitPlanId" = ${cycle.benefitPlanId}::uuid
      LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
      WHERE p."cycleId" = ${options.cycleId}::uuid
      OFFSET 0
    ),
    m AS (
      SELECT d."paymentReference", d."personReference", d."personName", d."pointName",
             ${matchingPointIdsSql(points, Prisma.sql`d.attributes`)} AS matched
      FROM d OFFSET 0
    ),
    o AS (SELECT * FROM m WHERE cardinality(m.matched) >= 2)
    SELECT (SELECT count(*)::int FROM o) AS count,
           (SELECT json_agg(x ORDER BY x."paymentReference" COLLATE "C") FROM (
              SELECT * FROM o ORDER BY o."paymentReference" COLLATE "C" LIMIT ${options.limit}) x) AS rows`;
  return {
    points: points.length,
    count: result.count,
    rows: (result.rows ?? []).map(({ matched, ...row }) => ({ ...row, matching: matched.map((id) => names.get(id) ?? id) })),
  };
}
