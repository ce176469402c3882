import type { Db } from "@/lib/db";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { formatAccessPay, type AccessPayFile, type AccessPayInput } from "./accesspay/format-accesspay";

// The AccessPay file of a run, rebuilt from its STORED file lines (the details each line pays to,
// as encrypted at selection) rather than from the claimants' details now: formatAccessPay is pure,
// so the same lines give the same bytes on every attempt. If a rebuild ever disagrees with the
// stored lines (a changed modulus table, a changed cleaning rule), the run fails loudly instead of
// storing a file its records do not describe.

export interface DirectPaymentBatch {
  batchId: string;
  file: AccessPayFile;
  batchTotalPence: number;
  /** Sum of the payments' own amounts, for assertBatchTotals. */
  paymentsTotalPence: number;
}

export async function loadDirectPaymentBatch(options: { db: Db; runId: string; key: Buffer }): Promise<DirectPaymentBatch> {
  const { db, runId, key } = options;
  const batch = await db.batch.findFirst({
    where: { runId, status: { not: "VOID" } },
    include: {
      lines: {
        where: { isVoid: false },
        orderBy: { lineNo: "asc" },
        include: { payment: { select: { reference: true, amountPence: true } } },
      },
    },
  });
  if (!batch) throw new Error(`run ${runId} has no batch to write`);

  const inputs: AccessPayInput[] = batch.lines.map((line) => {
    if (!line.bankDetailsCiphertext) throw new Error(`file line ${line.lineNo} of batch ${batch.id} has no bank details`);
    return {
      paymentId: line.paymentId,
      paymentReference: line.payment.reference,
      amountPence: line.amountPence,
      bank: decryptBankDetails(line.bankDetailsCiphertext, key),
    };
  });
  const file = formatAccessPay(inputs);

  const stored = batch.lines.map((l) => `${l.lineNo}:${l.paymentId}:${l.fileReference}:${l.amountPence}`);
  const rebuilt = file.lines.map((l) => `${l.lineNo}:${l.paymentId}:${l.fileReference}:${l.amountPence}`);
  if (file.excluded.length > 0 || stored.join("|") !== rebuilt.join("|")) {
    throw new Error(
      `the AccessPay file rebuilt from batch ${batch.id}'s stored lines differs from them ` +
        `(${rebuilt.length} lines rebuilt, ${stored.length} stored, ${file.excluded.length} excluded): refusing to store it`,
    );
  }
  return {
    batchId: batch.id,
    file,
    batchTotalPence: Number(batch.totalPence),
    paymentsTotalPence: batch.lines.reduce((sum, l) => sum + l.payment.amountPence, 0),
  };
}
