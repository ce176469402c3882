import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage";
import type { RunLease } from "@/lib/runs/run-lease";
import { runFileStorageKey, type RunFileToStore } from "@/lib/batches/store-run-file";
import { accessPayFileName } from "./accesspay/format-accesspay";
import { adiJournalFileName, fillAdiJournal } from "./adi-journal/fill-adi-journal";
import { assertBatchTotals } from "./batch-totals";
import { loadAdiJournalTotals } from "./load-adi-journal-totals";
import { loadDirectPaymentBatch } from "./load-direct-payment-batch";

const ACCESSPAY_CONTENT_TYPE = "text/csv";
const WORKBOOK_CONTENT_TYPES: Readonly<Record<string, string>> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
};

/**
 * The two files of a direct-payment run, ready to store: the AccessPay CSV rebuilt from the stored
 * lines, and the ADI journal. Filling a workbook never gives the same bytes twice, so when an
 * earlier attempt of this run already stored the journal, that one is reused
 * (docs/file-formats.md#template-name-and-retries). Both must agree with the payments to the penny
 * before anything is stored.
 */
export async function prepareDirectPaymentFiles(options: {
  db: Db;
  store: FileStore;
  key: Buffer;
  lease: RunLease;
  template: Buffer;
  templateExtension: string;
}): Promise<{ batchId: string; accessPay: RunFileToStore; journal: RunFileToStore }> {
  const { db, store, key, lease, template, templateExtension } = options;
  const batch = await loadDirectPaymentBatch({ db, runId: lease.runId, key });
  const { file } = batch;

  const journalName = adiJournalFileName(lease.startedAt, templateExtension);
  const journalKey = runFileStorageKey(lease, journalName);
  const journal = (await store.exists(journalKey))
    ? await store.get(journalKey)
    : await fillAdiJournal({ template, runStartedAt: lease.startedAt, totalPence: file.totalPence });
  const { debitPounds, creditPounds } = await loadAdiJournalTotals(journal);
  assertBatchTotals({
    csvTotalPence: file.totalPence,
    journalDebitPounds: debitPounds,
    journalCreditPounds: creditPounds,
    paymentsTotalPence: batch.paymentsTotalPence,
  });
  if (batch.batchTotalPence !== file.totalPence) {
    throw new Error(`batch ${batch.batchId} records ${batch.batchTotalPence}p but its lines total ${file.totalPence}p`);
  }

  const extension = journalName.slice(journalName.lastIndexOf(".") + 1).toLowerCase();
  return {
    batchId: batch.batchId,
    accessPay: {
      kind: "ACCESSPAY_CSV",
      fileName: accessPayFileName(lease.startedAt),
      contentType: ACCESSPAY_CONTENT_TYPE,
      data: Buffer.from(file.text, "ascii"),
      lineCount: file.lineCount,
      totalPence: file.totalPence,
    },
    // The journal's line count is the payments it accounts for (one debit and one credit line
    // in the workbook), so the Bank Admin page can set it against the AccessPay file's.
    journal: {
      kind: "ADI_JOURNAL",
      fileName: journalName,
      contentType: WORKBOOK_CONTENT_TYPES[extension] ?? "application/octet-stream",
      data: journal,
      lineCount: file.lineCount,
      totalPence: file.totalPence,
    },
  };
}
