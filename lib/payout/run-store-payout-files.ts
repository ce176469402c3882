import type { Db } from "@/lib/db";
import { recordBatchFile } from "@/lib/batches/record-batch-file";
import { storeRunFileFromDb } from "@/lib/batches/store-run-file";
import { heartbeat } from "@/lib/runs/heartbeat";
import type { Clock } from "@/lib/runs/run-clock";
import type { RunLease } from "@/lib/runs/run-lease";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import type { FileStore } from "@/lib/storage";
import { payoutFileName } from "./format-payout-file";
import { loadPayoutBatchesToStore, payoutBatchBytes, type PayoutBatchToStore } from "./payout-batch-bytes";

export const PAYOUT_FILE_KIND = "PAYOUT_CSV";
const PAYOUT_CONTENT_TYPE = "text/csv";

export interface PayoutFileSettings {
  /** PAYOUT_FILE_PREFIX and PAYOUT_FILE_SUFFIX: the file name around its date and sequence. */
  prefix: string;
  suffix: string;
  /** Column 19 for every line, fixed at selection (a payment plan's own code comes with payment cycles). */
  letterTemplateCode: string;
}

/** The file name of a Payout batch: fixed by its date and sequence number when it was created. */
export function payoutBatchFileName(
  settings: Pick<PayoutFileSettings, "prefix" | "suffix">,
  batch: Pick<PayoutBatchToStore, "businessDate" | "sequenceNo">,
): string {
  return payoutFileName({
    prefix: settings.prefix,
    suffix: settings.suffix,
    londonDate: batch.businessDate,
    sequence: batch.sequenceNo,
  });
}

/**
 * Step "stored" of the Payout run: each batch whose file is not stored yet gets it, made from its
 * stored lines' own copies (decrypted with `key`) and streamed into the write-once store (the same
 * bytes on every retry, or the run fails loudly), then, in one fenced transaction, its BatchFile
 * row (sha256, size, lines, total) and the batch STORED. A batch already STORED (or further) is
 * left alone.
 */
export async function storePayoutFiles(options: {
  db: Db;
  store: FileStore;
  lease: RunLease;
  /** The bank-details key: decrypts each line's copy of what it pays to. */
  key: Buffer;
  settings: PayoutFileSettings;
  clock: Clock;
}): Promise<void> {
  const { db, store, lease, key, settings, clock } = options;
  for (const batch of await loadPayoutBatchesToStore(db, lease.runId)) {
    if (batch.batchTotalPence !== batch.linesTotalPence || batch.paymentsTotalPence !== batch.linesTotalPence) {
      throw new Error(
        `Payout batch ${batch.batchId} records ${batch.batchTotalPence}p, its lines total ${batch.linesTotalPence}p ` +
          `and its payments ${batch.paymentsTotalPence}p`,
      );
    }
    await heartbeat({ db, lease, now: clock() });
    const stored = await storeRunFileFromDb({
      db,
      store,
      lease,
      file: {
        kind: PAYOUT_FILE_KIND,
        fileName: payoutBatchFileName(settings, batch),
        contentType: PAYOUT_CONTENT_TYPE,
        lineCount: batch.lineCount,
        totalPence: batch.linesTotalPence,
      },
      data: (client) => payoutBatchBytes({ client, batch, key }),
    });
    await runPgTransaction(db, lease, async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM "Batch" WHERE id = ${batch.batchId}::uuid FOR UPDATE`;
      if (row?.status !== "OPEN") throw new Error(`Payout batch ${batch.batchId} is ${row?.status ?? "missing"}, not OPEN`);
      await recordBatchFile(tx, { batchId: batch.batchId, file: stored, now: clock() });
      await tx.$executeRaw`UPDATE "Batch" SET status = 'STORED' WHERE id = ${batch.batchId}::uuid`;
    });
  }
}
