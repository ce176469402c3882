import type { Tx } from "@/lib/db";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { CandidateFileLine, PaymentStatusName } from "@/lib/direct-payments/failed-payments/match-failed-payments";

interface LineRow {
  fileLineId: string;
  batchId: string;
  batchIsVoid: boolean;
  paymentId: string;
  paymentReference: string;
  paymentStatus: PaymentStatusName;
  failureReason: string | null;
  fileReference: string;
  amountPence: number;
  bankDetailsCiphertext: string | null;
}

/**
 * The pure matcher's input (match-failed-payments.ts): the upload itself matches set-based
 * (check-failed-payments.ts); the tests that hold it to the pure matcher load the lines with this.
 *
 * Every AccessPay line whose reference column is one of `references` (case-insensitive), in any
 * batch: void lines and batches too, so the matcher can say "line of a voided batch" rather than
 * "unknown line". Only bank batches: a Payout line carries the same payment reference and must
 * never be taken for a bank transfer.
 */
export async function loadCandidateLines(tx: Tx, key: Buffer, references: readonly string[]): Promise<CandidateFileLine[]> {
  const wanted = [...new Set(references.map((r) => r.trim().toUpperCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  // One array parameter, not one per reference: a large file would pass PostgreSQL's 65,535 limit.
  const rows = await tx.$queryRaw<LineRow[]>`
    SELECT l.id AS "fileLineId", l."batchId", (l."isVoid" OR b.status = 'VOID') AS "batchIsVoid",
           p.id AS "paymentId", p.reference AS "paymentReference", p.status::text AS "paymentStatus",
           p."failureReason", l."fileReference", l."amountPence", l."bankDetailsCiphertext"
    FROM "FileLine" l
    JOIN "Batch" b ON b.id = l."batchId"
    JOIN "Payment" p ON p.id = l."paymentId"
    WHERE b.method = 'BANK' AND upper(l."fileReference") = ANY(${wanted}::text[])
    ORDER BY b."createdAt", l."lineNo"`;
  return rows.map(({ bankDetailsCiphertext, ...line }) => ({
    ...line,
    amountPence: Number(line.amountPence),
    ...paidTo(line.fileLineId, bankDetailsCiphertext, key),
  }));
}

// A line without its stored details cannot be matched on them; empty values make it a mismatch.
function paidTo(fileLineId: string, ciphertext: string | null, key: Buffer): { sortCode: string; accountNumber: string } {
  if (!ciphertext) return { sortCode: "", accountNumber: "" };
  try {
    const { sortCode, accountNumber } = decryptBankDetails(ciphertext, key);
    return { sortCode, accountNumber };
  } catch (error) {
    // Every line uses the same key, so this is a configuration fault, not one row's problem.
    throw new Error(`the bank details stored on file line ${fileLineId} could not be decrypted: check BANK_DETAILS_KEY`, {
      cause: error,
    });
  }
}
