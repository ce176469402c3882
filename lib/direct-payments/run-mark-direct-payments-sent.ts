import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { finishRun } from "@/lib/runs/finish-run";
import { markBatchSent } from "@/lib/batches/mark-batch-sent";
import { recordBatchFile } from "@/lib/batches/record-batch-file";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";
import type { StoredRunFile } from "@/lib/batches/store-run-file";

/**
 * Step "sent", one transaction: the files become visible (BatchFile rows with sha256, line count
 * and total), the batch STORED, its payments SENT, the run SUCCEEDED. Before it commits nothing is
 * SENT and no file can be downloaded; after it, everything is. The same statements for any number
 * of payments (markBatchSent moves them all in one).
 */
export async function markDirectPaymentsSent(options: {
  db: Db;
  lease: RunLease;
  batchId: string;
  files: readonly StoredRunFile[];
  now: Date;
  actor: AuditActor;
}): Promise<void> {
  const { db, lease, batchId, files, now, actor } = options;
  await runPgTransaction(db, lease, async (tx) => {
    for (const file of files) await recordBatchFile(tx, { batchId, file, now });
    const sent = await markBatchSent(tx, { batchId, batchStatus: "STORED", now, actor, runId: lease.runId });
    const totals = new Set(files.map((f) => f.totalPence));
    if (totals.size !== 1 || !totals.has(sent.totalPence)) {
      throw new Error(`file totals ${[...totals].join(", ")}p disagree with the payments sent (${sent.totalPence}p)`);
    }
    // The selection's warnings stay where they are; payments held since are added to them.
    await finishRun(tx, lease, {
      status: "SUCCEEDED",
      now,
      actor,
      paymentCount: sent.count,
      totalPence: sent.totalPence,
      moreWarnings: sent.heldAfterSelection,
    });
  });
}
