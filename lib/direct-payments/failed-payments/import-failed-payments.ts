import type { Db, Tx } from "@/lib/db";
import type { FileStore } from "@/lib/storage/file-store";
import { receiveUpload, type UploadOutcome, type UploadRowResult } from "../../uploads/receive-upload";
import { applyPaymentFailures } from "./apply-payment-failures";
import { loadCandidateLines } from "./load-candidate-lines";
import {
  changesToApply,
  reconcileFailedPayments,
  type CandidateFileLine,
  type FailureToApply,
  type RowOutcome,
} from "./match-failed-payments";
import { parseFailedPaymentsFile } from "./parse-failed-payments";

/**
 * SSCL finance uploads the AccessPay lines that bounced
 * (docs/file-formats.md#sscl-failed-payments-upload). The whole file is checked against the lines
 * we sent; only when no row is an error do the matched payments fail.
 */
export async function importFailedPayments(options: {
  db: Db;
  store: FileStore;
  /** The bank-details key: the stored file lines' details are compared with the file's. */
  key: Buffer;
  fileName: string;
  bytes: Buffer;
  actor: { id: string; email: string };
  now: Date;
}): Promise<UploadOutcome> {
  const { db, store, key, fileName, bytes, actor, now } = options;
  return receiveUpload<FailureToApply[]>({
    db,
    store,
    kind: "SSCL_FAILED_PAYMENTS",
    fileName,
    bytes,
    actor,
    now,
    check: (tx, file) => checkFailedPayments(tx, key, file),
    apply: (tx, failures, uploadId) => applyPaymentFailures(tx, { failures, uploadId, actor, now }),
  });
}

async function checkFailedPayments(
  tx: Tx,
  key: Buffer,
  bytes: Buffer,
): Promise<{ rows: UploadRowResult[]; plan: FailureToApply[] }> {
  const parsed = parseFailedPaymentsFile(bytes);
  const lines = await loadCandidateLines(
    tx,
    key,
    parsed.rows.map((r) => r.reference),
  );
  const outcomes = reconcileFailedPayments(parsed, lines);
  const payments = new Map(lines.map((l) => [l.paymentId, l]));
  return { rows: outcomes.map((o) => uploadRow(o, payments)), plan: changesToApply(outcomes) };
}

/** What the upload page and the stored UploadRow say about one row. */
function uploadRow(o: RowOutcome, payments: ReadonlyMap<string, CandidateFileLine>): UploadRowResult {
  const payment = o.paymentId ? payments.get(o.paymentId) : undefined;
  const reference = payment?.paymentReference ?? o.paymentId;
  const row = { lineNo: o.lineNo, outcome: o.outcome, ...(o.paymentId ? { paymentId: o.paymentId } : {}) };
  switch (o.outcome) {
    case "MATCHED":
      return { ...row, message: `Payment ${reference} failed: ${o.failureReason}` };
    case "UNCHANGED":
      return {
        ...row,
        message: `Payment ${reference} already failed${payment?.failureReason ? ` (${payment.failureReason})` : ""}; unchanged`,
      };
    case "ERROR":
      return { ...row, message: o.message ?? `Line ${o.lineNo}: error` };
  }
}
