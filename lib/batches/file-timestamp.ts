// File names carry the run's frozen start time in UTC, so a retried run (same start time)
// produces the same names and the names sort in run order whatever the clock change.

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYYMMDD_HHmmss` in UTC. */
export function utcFileTimestamp(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("file timestamp needs a valid date");
  const date = `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `${date}_${time}`;
}
