import { CronExpressionParser } from "cron-parser";
import type { RunKind } from "@/lib/generated/prisma/enums";
import vercel from "@/vercel.json";

// When the schedule next starts a run (docs/run-preview.md#next-scheduled-run). Vercel's cron reads
// its expressions in UTC; staff read UK time, which is UTC in winter (GMT) and an hour ahead in
// summer (BST), so the same schedule starts at 00:00 or 01:00 on the clock in the office.

/** The cron route each run kind is scheduled through, as vercel.json names it. */
export const cronPaths: Record<RunKind, string> = {
  DIRECT_PAYMENTS: "/api/cron/direct-payments",
  PAYOUT: "/api/cron/payout-payments",
};

/** The schedule (a cron expression in UTC) vercel.json gives `kind`'s route. */
export function scheduleOf(kind: RunKind, crons: readonly { path: string; schedule: string }[] = vercel.crons): string {
  const cron = crons.find((c) => c.path === cronPaths[kind]);
  if (!cron) throw new Error(`vercel.json schedules no ${cronPaths[kind]}`);
  return cron.schedule;
}

/** The first time after `now` that the UTC cron expression `expression` fires. */
export function nextScheduledRun(expression: string, now: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: now, tz: "UTC" }).next().toDate();
}

const ukParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

/** "Monday 26 October 2026 at 00:00 UK time (GMT)": the day named, the clock in the office. */
export function formatUkTime(at: Date): string {
  const part = Object.fromEntries(ukParts.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year} at ${part.hour}:${part.minute} UK time (${part.timeZoneName})`;
}
