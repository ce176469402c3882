import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage";
import type { RunLease } from "@/lib/runs/run-lease";
import { runFileStorageKey, storeRunFileFromDb, type RunFileToStore, type StoredRunFile } from "@/lib/batches/store-run-file";
import { accessPayFileName } from "./accesspay/format-accesspay";
import { adiJournalFileName, fillAdiJournal } from "./adi-journal/fill-adi-journal";
import { assertBatchTotals } from "./batch-totals";
import { loadAdiJournalTotals } from "./load-adi-journal-totals";
import { accessPayBytes, loadDirectPaymentBatch, type DirectPaymentBatch } from "./load-direct-payment-batch";

const ACCESSPAY_CONTENT_TYPE = "text/csv";
/** The ADI journal's lines: one debit, one credit. */
export const ADI_JOURNAL_LINES = 2;
const WORKBOOK_CONTENT_TYPES: Readonly<Record<string, string>> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
};

/**
 * What the two files of a direct-payment run need before either is stored: the batch's totals (from
 * SQL, never the lines themselves), and the ADI journal, which needs only the total. Filling a
 * workbook never gives the same bytes twice, so when an earlier attempt of this run already stored
 * the journal, that one is reused (docs/file-formats.md#template-name-and-retries). The journal's
 * debit and credit, the stored lines' total (which the AccessPay file, as it streams, must then add
 * up to: storeAccessPayFile) and the payments must agree to the penny before anything is stored.
 */
export async function prepareDirectPaymentFiles(options: {
  db: Db;
  store: FileStore;
  lease: RunLease;
  template: Buffer;
  templateExtension: string;
}): Promise<{ batch: DirectPaymentBatch; journal: RunFileToStore }> {
  const { db, store, lease, template, templateExtension } = options;
  const batch = await loadDirectPaymentBatch({ db, runId: lease.runId });

  const journalName = adiJournalFileName(lease.startedAt, templateExtension);
  const journalKey = runFileStorageKey(lease, journalName);
  const journal = (await store.exists(journalKey))
    ? await store.get(journalKey)
    : await fillAdiJournal({ template, runStartedAt: lease.startedAt, totalPence: batch.linesTotalPence });
  const { debitPounds, creditPounds } = await loadAdiJournalTotals(journal);
  assertBatchTotals({
    csvTotalPence: batch.linesTotalPence,
    journalDebitPounds: debitPounds,
    journalCreditPounds: creditPounds,
    paymentsTotalPence: batch.paymentsTotalPence,
  });
  if (batch.batchTotalPence !== batch.linesTotalPence) {
    throw new Error(`batch ${batch.batchId} records ${batch.batchTotalPence}p but its lines total ${batch.linesTotalPence}p`);
  }

  const extension = journalName.slice(journalName.lastIndexOf(".") + 1).toLowerCase();
  return {
    batch,
    // The journal's line count is its journal lines (one debit and one credit for the batch's
    // total, DEFAULT_ADI_CELL_MAP), not the payments it accounts for: Bank Admin shows "2 journal lines".
    journal: {
      kind: "ADI_JOURNAL",
      fileName: journalName,
      contentType: WORKBOOK_CONTENT_TYPES[extension] ?? "application/octet-stream",
      data: journal,
      lineCount: ADI_JOURNAL_LINES,
      totalPence: batch.linesTotalPence,
    },
  };
}

/**
 * Step "accesspay-stored": the AccessPay CSV, rebuilt from the stored lines as they stream out of
 * one COPY, straight into the write-once store (hashed on the way). The rebuild checks every line
 * and the file's count and total against `batch` before its last byte, so a file that disagrees is
 * never stored.
 */
export async function storeAccessPayFile(options: {
  db: Db;
  store: FileStore;
  key: Buffer;
  lease: RunLease;
  batch: DirectPaymentBatch;
}): Promise<StoredRunFile> {
  const { db, store, key, lease, batch } = options;
  return storeRunFileFromDb({
    db,
    store,
    lease,
    file: {
      kind: "ACCESSPAY_CSV",
      fileName: accessPayFileName(lease.startedAt),
      contentType: ACCESSPAY_CONTENT_TYPE,
      lineCount: batch.lineCount,
      totalPence: batch.linesTotalPence,
    },
    data: (client) => accessPayBytes({ client, batch, key }),
  });
}
