import type { Db } from "@/lib/db";
import { heldPayments, parseRunWarnings } from "./run-warnings";

/** Runs newest first, with what the history page shows of each. */
export async function listRuns(db: Db, options: { take?: number } = {}) {
  const runs = await db.run.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: options.take ?? 100,
    include: { batches: { include: { files: { orderBy: { kind: "asc" } } } } },
  });
  return runs.map((run) => {
    const warnings = parseRunWarnings(run.warnings);
    return {
      id: run.id,
      kind: run.kind,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      triggeredBy: run.triggeredBy,
      attempts: run.attempts,
      paymentCount: run.paymentCount,
      totalPence: Number(run.totalPence),
      error: run.error,
      held: heldPayments(warnings),
      cleaned: warnings.filter((w) => w.kind === "VALUE_CLEANED"),
      files: run.batches.flatMap((b) =>
        b.files.map((f) => ({
          id: f.id,
          kind: f.kind,
          fileName: f.fileName,
          sha256: f.sha256,
          lineCount: f.lineCount,
          isVoid: f.isVoid,
        })),
      ),
    };
  });
}

export type RunListItem = Awaited<ReturnType<typeof listRuns>>[number];
