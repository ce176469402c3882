import type { SqlTx } from "@/lib/db/pg-transaction";
import { readStoredFilters } from "./rules/point-filters";
import type { MatchablePoint } from "./rules/which-point";

// A benefit plan's payment points in position order, with their filters read back: what the
// payroll build and the pages compile to SQL (point-sql.ts). A plan has a handful of points.

export type PlanPoint = MatchablePoint & { name: string; managerId: string | null };

export async function loadPlanPoints(db: SqlTx, benefitPlanId: string): Promise<PlanPoint[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; position: number; managerId: string | null; filters: unknown }[]>`
    SELECT id, name, position, "managerId", filters FROM "PaymentPoint"
    WHERE "benefitPlanId" = ${benefitPlanId}::uuid ORDER BY position`;
  return rows.map((r) => ({ ...r, filters: readStoredFilters(r.filters) }));
}
