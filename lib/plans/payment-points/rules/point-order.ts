// Where a point comes in its benefit plan's order (docs/payment-points.md#order). Positions are kept
// 1, 2, 3 … with no gaps: putting a point at a position moves the points from there on down by one,
// so a plan manager chooses "where it goes" and never meets a position that is taken. Pure.

/** The plan's point ids in their new order, `id` placed at `position` (from 1; clamped to the ends). */
export function placePoint(order: readonly string[], id: string, position: number): string[] {
  const others = order.filter((o) => o !== id);
  const index = Math.min(Math.max(Math.trunc(position) - 1, 0), others.length);
  return [...others.slice(0, index), id, ...others.slice(index)];
}

/**
 * The positions a point can take, given the plan's other points in order (without it): 1 to their
 * number plus one, each saying which point it comes before or after.
 */
export function positionChoices(others: readonly { name: string }[]): { value: string; label: string }[] {
  const count = others.length + 1;
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const label =
      count === 1 ? "1 (the only point)" : n === 1 ? `1 (first, before ${others[0].name})` : `${n} (after ${others[i - 1].name})`;
    return { value: String(n), label };
  });
}
