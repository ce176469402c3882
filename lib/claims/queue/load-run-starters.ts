import type { Db } from "@/lib/db";
import { runIdOf, type RunStarter } from "./timeline-by";

/**
 * The runs behind a timeline's steps that no person made, with the name of whoever pressed
 * "Run now" (a run's triggeredBy is "cron" or that person's email): two reads, whatever the length.
 */
export async function loadRunStarters(
  db: Db,
  events: { detail: unknown; actor: { name: string } | null }[],
): Promise<Map<string, RunStarter>> {
  const ids = [...new Set(events.flatMap((e) => (e.actor ? [] : [runIdOf(e.detail)])).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const runs = await db.run.findMany({ where: { id: { in: ids } }, select: { id: true, triggeredBy: true } });
  const emails = runs.map((r) => r.triggeredBy).filter((t) => t !== "cron");
  const users = emails.length
    ? await db.user.findMany({ where: { email: { in: emails } }, select: { email: true, name: true } })
    : [];
  const names = new Map(users.map((u) => [u.email, u.name]));
  return new Map(runs.map((r) => [r.id, { triggeredBy: r.triggeredBy, starterName: names.get(r.triggeredBy) ?? null }]));
}
