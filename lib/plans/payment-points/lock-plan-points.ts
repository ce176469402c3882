import type { Tx } from "@/lib/db";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { readStoredFilters } from "./rules/point-filters";

// Saving a point locks its benefit plan's row first, so two plan managers saving points of one plan
// take turns: names and the order are checked against what is there, and positions are rewritten
// 1, 2, 3 … (rules/point-order.ts) without two saves interleaving.

export type LockedPoint = {
  id: string;
  name: string;
  position: number;
  managerId: string | null;
  filters: Condition[];
  updatedAt: Date;
};

/** The plan's points in position order, the plan locked; null when the plan does not exist. */
export async function lockPlanPoints(tx: Tx, benefitPlanId: string): Promise<LockedPoint[] | null> {
  const [plan] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "BenefitPlan" WHERE id = ${benefitPlanId}::uuid FOR UPDATE`;
  if (!plan) return null;
  const rows = await tx.$queryRaw<(Omit<LockedPoint, "filters"> & { filters: unknown })[]>`
    SELECT id, name, position, "managerId", filters, "updatedAt" FROM "PaymentPoint"
    WHERE "benefitPlanId" = ${benefitPlanId}::uuid ORDER BY position`;
  return rows.map((r) => ({ ...r, filters: readStoredFilters(r.filters) }));
}

/**
 * Positions 1, 2, 3 … in `order`, in two statements whatever the number of points: through
 * negatives first, as the unique index on (plan, position) is checked row by row. A point whose
 * position changes is marked updated, so a change form opened before it moved is refused as stale.
 */
export async function writePointOrder(tx: Tx, benefitPlanId: string, order: readonly string[], now: Date): Promise<void> {
  const positions = order.map((_, i) => i + 1);
  await tx.$executeRaw`
    UPDATE "PaymentPoint" p
    SET position = -t.position,
        "updatedAt" = CASE WHEN p.position = t.position THEN p."updatedAt" ELSE ${now} END
    FROM unnest(${[...order]}::uuid[], ${positions}::int[]) AS t(id, position)
    WHERE p.id = t.id AND p."benefitPlanId" = ${benefitPlanId}::uuid`;
  await tx.$executeRaw`
    UPDATE "PaymentPoint" SET position = -position WHERE "benefitPlanId" = ${benefitPlanId}::uuid AND position < 0`;
}

/** A name another point of the plan already has (ignoring case) is refused, on the name field. */
export function nameTakenMessage(points: readonly LockedPoint[], name: string, exceptId: string | null): string | null {
  const taken = points.find((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase());
  return taken ? `This benefit plan already has a payment point called ${taken.name}` : null;
}
