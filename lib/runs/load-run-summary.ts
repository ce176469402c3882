import type { Db } from "@/lib/db";
import type { RunSummary } from "./run-summary";
import { heldPayments, parseRunWarnings } from "./run-warnings";

/** The summary from what the database says, so a retry or a second look answers the same. */
export async function loadRunSummary(db: Db, runId: string, options: { resumed?: boolean } = {}): Promise<RunSummary> {
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: {
      batches: {
        where: { status: { not: "VOID" } },
        include: { files: { where: { isVoid: false }, orderBy: { kind: "asc" } } },
        orderBy: [{ sequenceNo: "asc" }, { id: "asc" }],
      },
    },
  });
  const warnings = parseRunWarnings(run.warnings);
  const files = run.batches.flatMap((b) => b.files);
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    attempts: run.attempts,
    resumed: options.resumed ?? false,
    payments: run.paymentCount,
    totalPence: Number(run.totalPence),
    held: heldPayments(warnings),
    batchIds: run.batches.map((b) => b.id),
    files: files.map((f) => ({
      id: f.id,
      batchId: f.batchId,
      kind: f.kind,
      fileName: f.fileName,
      storageKey: f.storageKey,
      sha256: f.sha256,
      byteSize: f.byteSize,
      lineCount: f.lineCount,
      totalPence: Number(f.totalPence),
    })),
    warnings,
    ...(run.error ? { error: run.error } : {}),
  };
}
