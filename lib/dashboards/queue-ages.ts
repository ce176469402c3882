import { workingDaysBetween } from "@/lib/bank-holidays/working-days";
import { OPEN_CLAIM_STATUSES } from "@/lib/claims/list/open-claims";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { emptySeriesTable, type SeriesTable } from "./series-table";

// The caseworker queue by age (docs/dashboards.md#caseworker-queue): open claims by status and by
// age in working days, as the claim list counts it (docs/caseworker-queue.md#age-and-the-target):
// working days from the London date received to today. The bands are cut at the target, so that
// every claim left of the line is within it and every claim right of it past it.

/** One row of the query: the open claims of a status received on a London date. */
export type OpenClaimRow = { status: ClaimStatus; receivedOn: string; count: number };

export type AgeBand = { label: string; from: number; to: number; pastTarget: boolean };

/** Up to half the target, the rest of the target, up to twice it, and beyond (target 1 or more). */
export function queueAgeBands(target: number): AgeBand[] {
  const days = (n: number) => `${n} working ${n === 1 ? "day" : "days"}`;
  const band = (from: number, to: number, pastTarget: boolean): AgeBand => ({
    label: `${from === to ? days(from) : `${from} to ${days(to)}`}${pastTarget ? ", past target" : ""}`,
    from,
    to,
    pastTarget,
  });
  const half = Math.floor(target / 2);
  const within = target >= 2 ? [band(0, half, false), band(half + 1, target, false)] : [band(0, target, false)];
  return [
    ...within,
    band(target + 1, 2 * target, true),
    { label: `More than ${days(2 * target)}, past target`, from: 2 * target + 1, to: Number.POSITIVE_INFINITY, pastTarget: true },
  ];
}

/** Categories are the age bands, series the open statuses; every band and status is there, zero or not. */
export function queueByAge(
  rows: readonly OpenClaimRow[],
  options: { today: string; holidays: ReadonlySet<string>; target: number },
): SeriesTable & { bands: AgeBand[]; pastTarget: number } {
  const bands = queueAgeBands(options.target);
  const series: string[] = [...OPEN_CLAIM_STATUSES];
  const table = emptySeriesTable(
    bands.map((b) => b.label),
    series,
  );
  let pastTarget = 0;
  for (const row of rows) {
    const s = series.indexOf(row.status);
    if (s < 0) continue;
    const age = Math.max(0, workingDaysBetween(row.receivedOn, options.today, options.holidays));
    const b = bands.findIndex((band) => age >= band.from && age <= band.to);
    table.values[b][s] += row.count;
    if (bands[b].pastTarget) pastTarget += row.count;
  }
  return { ...table, bands, pastTarget };
}
