import type { RunKind } from "@/lib/generated/prisma/enums";
import type { HeldPayment, RunWarning } from "./run-warnings";

/** What a run answers (cron route, "Run now", retry): plain JSON, no BigInt or Date. */
export interface RunSummary {
  /** The run worked on; when BUSY, the run in progress (null if it finished in between). */
  runId: string | null;
  kind: RunKind;
  status: "SUCCEEDED" | "EMPTY" | "FAILED" | "RUNNING" | "BUSY";
  startedAt: string | null;
  attempts: number;
  /** This call continued a crashed or failed run instead of starting one. */
  resumed: boolean;
  payments: number;
  totalPence: number;
  held: HeldPayment[];
  /** Its live batches (Bank Admin's run, the Payout batch pages link to them). */
  batchIds: string[];
  files: RunSummaryFile[];
  warnings: RunWarning[];
  error?: string;
}

export interface RunSummaryFile {
  /** The BatchFile, downloaded through /api/files/<id>. */
  id: string;
  batchId: string;
  kind: string;
  fileName: string;
  storageKey: string;
  sha256: string;
  byteSize: number;
  lineCount: number;
  totalPence: number;
}

export function busySummary(kind: RunKind, runningRunId: string | null, why?: string): RunSummary {
  return {
    runId: runningRunId,
    kind,
    status: "BUSY",
    startedAt: null,
    attempts: 0,
    resumed: false,
    payments: 0,
    totalPence: 0,
    held: [],
    batchIds: [],
    files: [],
    warnings: [],
    error: why ?? `A ${kind.toLowerCase().replace(/_/g, "-")} run is in progress`,
  };
}
