// A payment plan's periods (docs/plans.md#payment-cycles): back to back from its validFrom, each
// periodicityMonths long, for as long as the plan is valid. A period that would run past validTo
// ends on validTo. Dates are YYYY-MM-DD text; pure.
import { addCalendarDays, isIsoDate } from "@/lib/dates/london-date";

export type PlanValidity = { periodicityMonths: number; validFrom: string; validTo: string | null };
export type Period = { start: string; end: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date `months` months after `isoDate`, on the same day of the month or the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  const [y, m, d] = isoDate.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The plan's period number `n` (from 0), or null when it starts after validTo. Counted from
 * validFrom every time, so a plan valid from the 31st has periods from the 31st, or the month's last day.
 */
export function planPeriod(plan: PlanValidity, n: number): Period | null {
  const start = addMonths(plan.validFrom, n * plan.periodicityMonths);
  if (plan.validTo !== null && start > plan.validTo) return null;
  const naturalEnd = addCalendarDays(addMonths(plan.validFrom, (n + 1) * plan.periodicityMonths), -1);
  const end = plan.validTo !== null && naturalEnd > plan.validTo ? plan.validTo : naturalEnd;
  return { start, end };
}

/** The period that starts on `start`, or null when no period of the plan starts that day. */
export function periodStartingOn(plan: PlanValidity, start: string): Period | null {
  if (!isIsoDate(start) || start < plan.validFrom) return null;
  const [y0, m0] = plan.validFrom.split("-").map(Number);
  const [y, m] = start.split("-").map(Number);
  const n = Math.floor((y * 12 + m - (y0 * 12 + m0)) / plan.periodicityMonths);
  const period = planPeriod(plan, n);
  return period && period.start === start ? period : null;
}

/**
 * Up to `count` periods to offer for a new cycle: those after the latest period that has a cycle
 * (from the first period when none has), skipping any that already have one.
 */
export function nextPeriods(plan: PlanValidity, takenStarts: readonly string[], count: number): Period[] {
  const taken = new Set(takenStarts);
  const latest = [...taken].sort().at(-1);
  const found: Period[] = [];
  for (let n = 0; found.length < count; n++) {
    const period = planPeriod(plan, n);
    if (!period) break;
    if (latest !== undefined && period.start <= latest) continue;
    if (!taken.has(period.start)) found.push(period);
  }
  return found;
}

/** "YYYYMM" of a date: the period part of a cycle payment's reference. */
export function yearMonth(isoDate: string): string {
  return isoDate.slice(0, 4) + isoDate.slice(5, 7);
}
