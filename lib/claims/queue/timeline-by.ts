// Who did a step on a claim's timeline, in words (docs/caseworker-queue.md#who-did-it). A person
// is named. A step with no person was made by a run, which "Run now" or the schedule started (the
// run's triggeredBy: "cron", or the email of whoever pressed the button), or arrived through the
// intake API from the online service. Pure: the caller looks the runs and names up.

export type RunStarter = { triggeredBy: string; starterName: string | null };

/** The run, upload or batch that made a step, as move-payments and the runs record it. */
export function runIdOf(detail: unknown): string | null {
  if (typeof detail !== "object" || detail === null) return null;
  const runId = (detail as Record<string, unknown>).runId;
  return typeof runId === "string" ? runId : null;
}

export function timelineBy(event: { actorName: string | null; detail: unknown }, runs: ReadonlyMap<string, RunStarter>): string {
  if (event.actorName) return event.actorName;
  const runId = runIdOf(event.detail);
  const run = runId ? runs.get(runId) : undefined;
  if (runId && !run) return "a run";
  if (run?.triggeredBy === "cron") return "the scheduled run";
  if (run) return `${run.starterName ?? "a member of staff"} (Run now)`;
  return "the online service";
}
