// Payment points in SQL, for set-based work over many beneficiaries (the payroll build, the pages'
// lists): each point's filters compiled by the calculation rule's own condition compiler, so a
// beneficiary's point is what pointFor (rules/which-point.ts) gives, on the database. Pure: builds
// Prisma.sql fragments; every value of a point is a bind parameter.
// tests/plans/payment-points-sql.test.ts holds the SQL and the TypeScript rule together.
import { Prisma } from "@/lib/generated/prisma/client";
import { allConditionsSql } from "@/lib/plans/compile-rule-sql";
import type { MatchablePoint } from "./rules/which-point";

function byPosition<P extends MatchablePoint>(points: readonly P[]): P[] {
  return [...points].sort((a, b) => a.position - b.position);
}

/** Whether one point's filters all hold for the jsonb `attributes` (never NULL). */
export function pointMatchesSql(point: MatchablePoint, attributes: Prisma.Sql): Prisma.Sql {
  return allConditionsSql(point.filters, attributes);
}

/** The beneficiary's point id (uuid): the first by position whose filters hold; NULL when none does. */
export function pointIdSql(points: readonly MatchablePoint[], attributes: Prisma.Sql): Prisma.Sql {
  if (points.length === 0) return Prisma.sql`NULL::uuid`;
  const whens = byPosition(points).map((p) => Prisma.sql`WHEN ${pointMatchesSql(p, attributes)} THEN ${p.id}::uuid`);
  return Prisma.sql`(CASE ${Prisma.join(whens, " ")} END)`;
}

/** The ids (uuid[]) of every point whose filters hold, in position order; empty when none. */
export function matchingPointIdsSql(points: readonly MatchablePoint[], attributes: Prisma.Sql): Prisma.Sql {
  if (points.length === 0) return Prisma.sql`'{}'::uuid[]`;
  const each = byPosition(points).map((p) => Prisma.sql`CASE WHEN ${pointMatchesSql(p, attributes)} THEN ${p.id}::uuid END`);
  return Prisma.sql`array_remove(ARRAY[${Prisma.join(each, ", ")}]::uuid[], NULL)`;
}
