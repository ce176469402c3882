// Numbers for the bench (pure): min, median and percentiles of timings, and ratios of medians.

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile (p in 0..100): the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function minimum(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.min(...values);
}

/** a / b, or null when either is missing or b is not positive (a ratio of nothing says nothing). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || !(b > 0)) return null;
  return a / b;
}

export interface Summary {
  /** Every repetition, in the order measured. */
  runsMs: number[];
  minMs: number | null;
  medianMs: number | null;
}

export function summarise(runsMs: readonly number[]): Summary {
  return { runsMs: [...runsMs], minMs: minimum(runsMs), medianMs: median(runsMs) };
}

/** A time measured on `measured` rows, scaled linearly to `target` rows (the row-by-row baseline). */
export function scaleToRows(ms: number, measured: number, target: number): number {
  if (!(measured > 0)) throw new RangeError(`cannot scale from ${measured} rows`);
  return (ms * target) / measured;
}

/** Rounded for results.json: 1 decimal place for times and sizes, 2 significant places for ratios. */
export function round(value: number | null, places = 1): number | null {
  if (value === null) return null;
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
