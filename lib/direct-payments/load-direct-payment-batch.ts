import type pg from "pg";
import type { Db } from "@/lib/db";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { copyRows, uuidLiteral } from "@/lib/db/copy-rows";
import { AccessPayFormatter } from "./accesspay/format-accesspay";

// The AccessPay file of a run, rebuilt from its STORED file lines (the details each line pays to,
// as encrypted at selection) rather than from the claimants' details now: the formatter is pure,
// so the same lines give the same bytes on every attempt. If a rebuild ever disagrees with the
// stored lines (a changed modulus table, a changed cleaning rule), the run fails loudly instead of
// storing a file its records do not describe.
//
// Nothing here holds the batch: its totals come from one SQL statement, and the file's bytes are
// made line by line as the lines stream out of one COPY, straight into the store.

export interface DirectPaymentBatch {
  batchId: string;
  /** Live lines, and their total (what the file must add up to). */
  lineCount: number;
  linesTotalPence: number;
  /** What the batch row records. */
  batchTotalPence: number;
  /** Sum of the payments' own amounts, for assertBatchTotals. */
  paymentsTotalPence: number;
}

/** The run's live batch with its totals, counted and summed in SQL. */
export async function loadDirectPaymentBatch(options: { db: Db; runId: string }): Promise<DirectPaymentBatch> {
  const { db, runId } = options;
  const [batch] = await db.$queryRaw<
    { id: string; lines: number; linesTotal: string; batchTotal: string; paymentsTotal: string }[]
  >`
    SELECT b.id, count(l.id)::int AS lines, coalesce(sum(l."amountPence"), 0)::text AS "linesTotal",
           b."totalPence"::text AS "batchTotal", coalesce(sum(p."amountPence"), 0)::text AS "paymentsTotal"
    FROM "Batch" b
    LEFT JOIN "FileLine" l ON l."batchId" = b.id AND NOT l."isVoid"
    LEFT JOIN "Payment" p ON p.id = l."paymentId"
    WHERE b."runId" = ${runId}::uuid AND b.status <> 'VOID'
    GROUP BY b.id`;
  if (!batch) throw new Error(`run ${runId} has no batch to write`);
  return {
    batchId: batch.id,
    lineCount: batch.lines,
    linesTotalPence: Number(batch.linesTotal),
    batchTotalPence: Number(batch.batchTotal),
    paymentsTotalPence: Number(batch.paymentsTotal),
  };
}

/**
 * The AccessPay bytes of the batch, rebuilt line by line from its stored lines as they stream out
 * of `client` (one COPY), each checked against the line it was made from. Throws, before the last
 * byte, if a line comes out different, or if the lines do not add up to `batch`'s count and total:
 * a store fed from this keeps nothing then. Stopping early leaves `client` mid-COPY: discard it.
 */
export async function* accessPayBytes(options: {
  client: pg.PoolClient;
  batch: DirectPaymentBatch;
  key: Buffer;
}): AsyncGenerator<Buffer> {
  const { client, batch, key } = options;
  const formatter = new AccessPayFormatter();
  const differs = (why: string) =>
    new Error(
      `the AccessPay file rebuilt from batch ${batch.batchId}'s stored lines differs from them (${why}): refusing to store it`,
    );
  const lines = `
    SELECT l."lineNo", l."paymentId", l."fileReference", l."amountPence", l."bankDetailsCiphertext", p.reference
    FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ${uuidLiteral(batch.batchId)} AND NOT l."isVoid"
    ORDER BY l."lineNo"`;

  for await (const rows of copyRows(client, lines)) {
    let text = "";
    for (const [lineNo, paymentId, fileReference, amount, ciphertext, reference] of rows) {
      if (!ciphertext) throw new Error(`file line ${lineNo} of batch ${batch.batchId} has no bank details`);
      const outcome = formatter.add({
        paymentId: paymentId!,
        paymentReference: reference!,
        amountPence: Number(amount),
        bank: decryptBankDetails(ciphertext, key),
      });
      if (outcome.kind === "excluded") throw differs(`stored line ${lineNo} is now excluded: ${outcome.exclusion.detail}`);
      const { line } = outcome;
      const stored = `${lineNo}:${paymentId}:${fileReference}:${amount}`;
      const rebuilt = `${line.lineNo}:${line.paymentId}:${line.fileReference}:${line.amountPence}`;
      if (stored !== rebuilt) throw differs(`stored line ${stored}, rebuilt ${rebuilt}`);
      text += outcome.text;
    }
    if (text !== "") yield Buffer.from(text, "ascii");
  }
  if (formatter.lineCount !== batch.lineCount || formatter.totalPence !== batch.linesTotalPence) {
    throw differs(
      `${formatter.lineCount} lines totalling ${formatter.totalPence}p rebuilt, ` +
        `${batch.lineCount} totalling ${batch.linesTotalPence}p stored`,
    );
  }
}
