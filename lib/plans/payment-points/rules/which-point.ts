// Which payment point a beneficiary belongs to (docs/payment-points.md#which-point): the first
// point by position whose filters all hold for their attribute values; none when no point's do. A
// beneficiary whose values meet the filters of two or more points is an overlap: they still go to
// the first, and the pages list them so a plan manager can tighten the filters. The payroll does
// the same in SQL (lib/plans/payment-points/point-sql.ts); a property test holds the two together.
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { allConditionsMatch, type AttributeValues } from "@/lib/plans/rules/condition-matches";

export type MatchablePoint = { id: string; position: number; filters: readonly Condition[] };

function byPosition<P extends MatchablePoint>(points: readonly P[]): P[] {
  return [...points].sort((a, b) => a.position - b.position);
}

/** Every point whose filters all hold, in position order (no filters: every beneficiary). */
export function matchingPoints<P extends MatchablePoint>(points: readonly P[], attributes: AttributeValues): P[] {
  return byPosition(points).filter((p) => allConditionsMatch(p.filters, attributes));
}

/** The beneficiary's point: the first matching by position, or null. */
export function pointFor<P extends MatchablePoint>(points: readonly P[], attributes: AttributeValues): P | null {
  return byPosition(points).find((p) => allConditionsMatch(p.filters, attributes)) ?? null;
}

/** The points a beneficiary matches when they match two or more (an overlap); otherwise none. */
export function overlappingPoints<P extends MatchablePoint>(points: readonly P[], attributes: AttributeValues): P[] {
  const matched = matchingPoints(points, attributes);
  return matched.length >= 2 ? matched : [];
}
