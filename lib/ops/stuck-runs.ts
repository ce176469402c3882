import type { RunKind } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AUTO_RESUME_MAX_ATTEMPTS } from "@/lib/runs/acquire-run";
import { ageText, ukTime } from "./ops-format";

// Runs that need someone (docs/support-cli.md#stuck-runs), by the run engine's own rules
// (docs/runs.md#acquiring-a-run): a RUNNING run past its lease (its worker died), and a FAILED run
// that still holds payments in a batch not sent, or that failed since the kind last finished well.
// The classification is pure; loadStuckRunRows reads the candidates in two statements.

export interface StuckRunRow {
  id: string;
  kind: RunKind;
  status: "RUNNING" | "FAILED";
  startedAt: Date;
  leaseUntil: Date | null;
  attempts: number;
  error: string | null;
  /** Batches written but not sent: OPEN (and, for Payout, STORED). */
  unfinishedBatchIds: string[];
  /** Payout batches whose delivery nobody can be sure of: an admin settles them. */
  uncertainBatchIds: string[];
}

export interface StuckRun {
  id: string;
  kind: "bank" | "payout";
  status: "RUNNING" | "FAILED";
  problem: "LEASE_EXPIRED" | "FAILED_HOLDS_PAYMENTS" | "FAILED_NEEDS_ADMIN" | "DELIVERY_UNCERTAIN" | "FAILED_RECENTLY";
  startedAt: string;
  age: string;
  attempts: number;
  error: string | null;
  batchIds: string[];
  /** One line to print. */
  line: string;
  advice: string;
}

export const kindWord = (kind: RunKind): "bank" | "payout" => (kind === "PAYOUT" ? "payout" : "bank");

/** What is wrong with each run and what to do about it, oldest first. Pure. */
export function stuckRuns(rows: readonly StuckRunRow[], now: Date): StuckRun[] {
  return rows.map((row) => {
    const kind = kindWord(row.kind);
    const started = `started ${ukTime(row.startedAt)}, ${ageText(row.startedAt, now)} ago`;
    const common = {
      id: row.id,
      kind,
      status: row.status,
      startedAt: row.startedAt.toISOString(),
      age: ageText(row.startedAt, now),
      attempts: row.attempts,
      error: row.error,
    };
    const head = `${kind} run ${row.id}`;
    if (row.status === "RUNNING") {
      const leaseEnded = row.leaseUntil ? `; its lease ran out ${ageText(row.leaseUntil, now)} ago` : "";
      return {
        ...common,
        problem: "LEASE_EXPIRED" as const,
        batchIds: row.unfinishedBatchIds,
        line: `${head}: RUNNING past its lease (${started}${leaseEnded}; attempt ${row.attempts})`,
        advice: `Its worker stopped (a crash or a restart). The next ${kind} run takes it over and finishes it with the same files: npm run ops -- run-now ${kind} --as <email>, or wait for the schedule.`,
      };
    }
    const failed = `${head}: FAILED (${started}; attempt ${row.attempts})${row.error ? `: ${row.error}` : ""}`;
    if (row.uncertainBatchIds.length)
      return {
        ...common,
        problem: "DELIVERY_UNCERTAIN" as const,
        batchIds: row.uncertainBatchIds,
        line: failed,
        advice: `A batch's delivery is uncertain: ask the Post Office whether they have the file, then an administrator settles it on ${row.uncertainBatchIds.map((id) => `/payout/batches/${id}`).join(", ")}.`,
      };
    if (row.unfinishedBatchIds.length && row.attempts < AUTO_RESUME_MAX_ATTEMPTS)
      return {
        ...common,
        problem: "FAILED_HOLDS_PAYMENTS" as const,
        batchIds: row.unfinishedBatchIds,
        line: failed,
        advice: `Its batch is written but not sent. The next ${kind} run finishes it first (attempt ${row.attempts + 1} of ${AUTO_RESUME_MAX_ATTEMPTS}): fix the cause of the error, then npm run ops -- run-now ${kind} --as <email>, or an administrator's Retry on /runs.`,
      };
    if (row.unfinishedBatchIds.length)
      return {
        ...common,
        problem: "FAILED_NEEDS_ADMIN" as const,
        batchIds: row.unfinishedBatchIds,
        line: failed,
        advice: `It has failed ${row.attempts} times, so runs no longer finish it by themselves and its payments wait: fix the cause of the error, then an administrator presses Retry on /runs${kind === "payout" ? ` (or npm run ops -- retry-delivery ${row.unfinishedBatchIds[0]} --as <admin email>)` : ""}.`,
      };
    return {
      ...common,
      problem: "FAILED_RECENTLY" as const,
      batchIds: [],
      line: failed,
      advice: `It failed before writing a batch, so it holds no payments: the next ${kind} run selects them afresh. Look at the error; if it recurs, fix its cause (an administrator may Retry the run on /runs).`,
    };
  });
}

const UNFINISHED: Record<RunKind, string[]> = { DIRECT_PAYMENTS: ["OPEN"], PAYOUT: ["OPEN", "STORED"] };
/** Never more than this many runs are listed (oldest first); a longer list says so. */
export const STUCK_RUNS_LIMIT = 200;

/**
 * The candidates: every RUNNING run past its lease, and every FAILED run that holds a batch not
 * sent (or uncertain) or started after its kind's last SUCCEEDED or EMPTY run. Two statements.
 */
export async function loadStuckRunRows(db: PrismaClient, now: Date): Promise<StuckRunRow[]> {
  const lastGood = await db.run.groupBy({
    by: ["kind"],
    where: { status: { in: ["SUCCEEDED", "EMPTY"] } },
    _max: { startedAt: true },
  });
  const since = (kind: RunKind) => lastGood.find((g) => g.kind === kind)?._max.startedAt ?? new Date(0);
  const runs = await db.run.findMany({
    where: {
      OR: [
        { status: "RUNNING", leaseUntil: { lt: now } },
        {
          status: "FAILED",
          OR: [
            { batches: { some: { status: { in: ["OPEN", "STORED", "DELIVERY_UNCERTAIN"] } } } },
            { kind: "DIRECT_PAYMENTS", startedAt: { gt: since("DIRECT_PAYMENTS") } },
            { kind: "PAYOUT", startedAt: { gt: since("PAYOUT") } },
          ],
        },
      ],
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: STUCK_RUNS_LIMIT + 1,
    select: {
      id: true,
      kind: true,
      status: true,
      startedAt: true,
      leaseUntil: true,
      attempts: true,
      error: true,
      batches: { select: { id: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return runs.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status as "RUNNING" | "FAILED",
    startedAt: r.startedAt,
    leaseUntil: r.leaseUntil,
    attempts: r.attempts,
    error: r.error,
    unfinishedBatchIds: r.batches.filter((b) => UNFINISHED[r.kind].includes(b.status)).map((b) => b.id),
    uncertainBatchIds: r.batches.filter((b) => b.status === "DELIVERY_UNCERTAIN").map((b) => b.id),
  }));
}
