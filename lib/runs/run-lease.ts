import type { RunKind } from "@/lib/generated/prisma/enums";

// What a worker holds while it owns a run. `attempt` is the fencing token: a take-over or a retry
// increments the run's attempts, so a worker that stalled past its lease (and lost the run to
// another) finds its number stale at its next write and stops, instead of both writing.

/** Long enough for the slowest step (storing files in Azure) between two heartbeats. */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000;

export interface RunLease {
  runId: string;
  kind: RunKind;
  /** Frozen when the run first began: file names, storage keys and the business date derive from it. */
  startedAt: Date;
  attempt: number;
  leaseMs: number;
  /** True when this worker took over a crashed run or retried a failed one, rather than starting it. */
  resumed: boolean;
}

/** The run is no longer this worker's (another took it over, or it is not RUNNING any more). */
export class LeaseLostError extends Error {
  constructor(
    readonly runId: string,
    readonly attempt: number,
    found: { status: string; attempts: number } | undefined,
  ) {
    super(
      found
        ? `run ${runId} is no longer held by attempt ${attempt} (it is ${found.status}, attempt ${found.attempts})`
        : `run ${runId} does not exist`,
    );
    this.name = "LeaseLostError";
  }
}

export function leaseEnd(now: Date, leaseMs: number): Date {
  return new Date(now.getTime() + leaseMs);
}
