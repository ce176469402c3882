import { mondayOf } from "./dashboard-window";
import type { StatusChangeRow } from "./status-over-time";

// The failure rate of bank payments by week (docs/dashboards.md#failure-rate-and-reasons): bank
// payments that failed in a week over those sent that week, from the same daily counts as the
// status chart. A failure reported in a later week than its sending counts in the week it was
// reported, so a week's rate can pass 100%. Weeks run Monday to Sunday; the window's first week
// counts only its days inside the window, and is named by its first day in it.

export type WeekFailureRate = {
  /** The week's first day inside the window. */
  weekStart: string;
  sent: number;
  failed: number;
  /** Failed / sent in tenths of a per cent, rounded half up; null when nothing was sent. */
  rateTenths: number | null;
};

export function weeklyFailureRate(rows: readonly StatusChangeRow[], days: readonly string[]): WeekFailureRate[] {
  const weeks = new Map<string, WeekFailureRate>();
  const weekOfDay = new Map<string, WeekFailureRate>();
  for (const day of days) {
    const monday = mondayOf(day);
    let week = weeks.get(monday);
    if (!week) {
      week = { weekStart: day, sent: 0, failed: 0, rateTenths: null };
      weeks.set(monday, week);
    }
    weekOfDay.set(day, week);
  }
  for (const row of rows) {
    if (row.method !== "BANK") continue;
    const week = weekOfDay.get(row.day);
    if (!week) continue;
    if (row.status === "SENT") week.sent += row.count;
    if (row.status === "FAILED") week.failed += row.count;
  }
  const list = [...weeks.values()];
  for (const week of list) week.rateTenths = week.sent === 0 ? null : Math.round((week.failed * 1000) / week.sent);
  return list;
}

export type ReasonCount = { reason: string | null; count: number };

export const NO_REASON = "No reason given";
export const OTHER_REASONS = "Other reasons";

/**
 * The most common reasons, most first (ties by reason), the rest summed as "Other reasons". The
 * reasons are SSCL's words, compared as written after trimming.
 */
export function topFailureReasons(rows: readonly ReasonCount[], limit = 5): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const reason = row.reason?.trim() || NO_REASON;
    counts.set(reason, (counts.get(reason) ?? 0) + row.count);
  }
  const sorted = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  if (sorted.length <= limit) return sorted;
  const rest = sorted.slice(limit).reduce((sum, r) => sum + r.count, 0);
  return [...sorted.slice(0, limit), { reason: OTHER_REASONS, count: rest }];
}
