import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage/file-store";
import { loadUploadSummary, type UploadSummary } from "@/lib/uploads/load-upload-summary";
import { readStoredFile } from "@/lib/uploads/receive-upload";
import { uploadLineBatches, UploadFileProblem } from "@/lib/uploads/upload-lines";
import { readCsvLine } from "../parse-csv-upload";
import { readPaymentCodeRecord } from "../parse-payment-codes";

/**
 * What the result page of a payment-code upload shows (docs/file-formats.md#payout-payment-code-upload):
 * the file's rows and total next to the batch's payments and total, and the batch's vouchers still
 * without a code (the Post Office may have rejected their lines). Read now, so after an applied
 * file the list is what is still missing; after a rejected one, what was missing all along.
 */

export interface PaymentCodesResult {
  upload: UploadSummary;
  /** The lines whose amount, reference and code could be read, and the total of their amounts. */
  file: { count: number; totalPence: number };
  /** The batch the file answered; null when none of its references is on a Payout batch. */
  batch: {
    id: string;
    fileName: string | null;
    deliveredAt: Date | null;
    /** Its payments now (on its live lines) and their total. */
    count: number;
    totalPence: number;
    coded: number;
  } | null;
  /** The batch's SENT payments with no code, in reference order, the first `limit` of them. */
  /** claimReference: null for a cycle's payment (it has no claim). */
  withoutCode: { paymentId: string; reference: string; claimReference: string | null; amountPence: number }[];
  withoutCodeCount: number;
}

export async function loadPaymentCodesResult(
  db: Db,
  store: FileStore,
  uploadId: string,
  options: { limit?: number } = {},
): Promise<PaymentCodesResult | null> {
  const limit = options.limit ?? 100;
  const found = await loadUploadSummary(db, uploadId, "PAYOUT_PAYMENT_CODES");
  if (!found) return null;
  const { summary: upload, storageKey, batchId } = found;

  const file = upload.status === "DUPLICATE" ? { count: 0, totalPence: 0 } : await fileTotals(store, storageKey);
  const base: PaymentCodesResult = {
    upload,
    file,
    batch: null,
    withoutCode: [],
    withoutCodeCount: 0,
  };
  if (!batchId) return base;

  const [batch] = await db.$queryRaw<
    {
      id: string;
      fileName: string | null;
      deliveredAt: Date | null;
      count: number;
      totalPence: string;
      coded: number;
      missing: number;
    }[]
  >`
    SELECT b.id::text, (SELECT f."fileName" FROM "BatchFile" f WHERE f."batchId" = b.id AND f.kind = 'PAYOUT_CSV' AND NOT f."isVoid"
                        ORDER BY f."createdAt" LIMIT 1) AS "fileName",
           b."deliveredAt" AS "deliveredAt",
           count(p.id)::int AS count, coalesce(sum(p."amountPence"), 0)::text AS "totalPence",
           (count(p.id) FILTER (WHERE p."paymentCode" IS NOT NULL))::int AS coded,
           (count(p.id) FILTER (WHERE p.status = 'SENT' AND p."paymentCode" IS NULL))::int AS missing
    FROM "Batch" b
    LEFT JOIN "FileLine" l ON l."batchId" = b.id AND NOT l."isVoid"
    LEFT JOIN "Payment" p ON p.id = l."paymentId"
    WHERE b.id = ${batchId}::uuid
    GROUP BY b.id`;
  if (!batch) return base;

  const withoutCode = await db.$queryRaw<PaymentCodesResult["withoutCode"]>`
    SELECT p.id::text AS "paymentId", p.reference, c.reference AS "claimReference", p."amountPence" AS "amountPence"
    FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId" LEFT JOIN "Claim" c ON c.id = p."claimId"
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid" AND p.status = 'SENT' AND p."paymentCode" IS NULL
    ORDER BY p.reference LIMIT ${limit}`;
  return {
    ...base,
    batch: {
      id: batch.id,
      fileName: batch.fileName,
      deliveredAt: batch.deliveredAt,
      count: batch.count,
      totalPence: Number(batch.totalPence),
      coded: batch.coded,
    },
    withoutCode,
    withoutCodeCount: batch.missing,
  };
}

/** The stored file read again as a stream: its readable rows and their total. */
async function fileTotals(store: FileStore, storageKey: string): Promise<{ count: number; totalPence: number }> {
  let count = 0;
  let totalPence = 0;
  // A file refused as it arrived was never kept.
  if (!(await store.exists(storageKey))) return { count, totalPence };
  try {
    for await (const batch of uploadLineBatches(readStoredFile(store, storageKey))) {
      for (const line of batch) {
        const read = readCsvLine(line);
        if ("message" in read) continue;
        const record = readPaymentCodeRecord(read);
        if ("message" in record || record.problems.length > 0 || record.amountPence === null) continue;
        count += 1;
        totalPence += record.amountPence;
      }
    }
  } catch (error) {
    // A file that is not text has no rows to count; its upload says why.
    if (!(error instanceof UploadFileProblem)) throw error;
    return { count: 0, totalPence: 0 };
  }
  return { count, totalPence };
}
