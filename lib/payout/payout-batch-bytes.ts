import type pg from "pg";
import type { Db } from "@/lib/db";
import { copyRows, uuidLiteral } from "@/lib/db/copy-rows";
import { decryptPayoutLine } from "./payout-line-copy";

// A Payout batch's file, made from its stored lines' own copies of what they pay to (each line's
// text as selection formatted it, encrypted in FileLine.bankDetailsCiphertext: payout-line-copy.ts),
// never from the claimants' records as they are now. So every attempt of the run makes the same
// bytes, whatever changed meanwhile (a claimant's new address, the letter code setting), and the
// write-once store sees "already stored". Delivery always sends the stored bytes.
//
// Nothing here holds the batch: totals come from one statement, and the bytes are made a COPY
// chunk at a time, straight into the store.

export interface PayoutBatchToStore {
  batchId: string;
  /** Europe/London, YYYY-MM-DD, and the day's sequence number: the file's name. */
  businessDate: string;
  sequenceNo: number;
  /** Live lines, and their total (what the file must add up to). */
  lineCount: number;
  linesTotalPence: number;
  /** What the batch row records. */
  batchTotalPence: number;
  /** Sum of the payments' own amounts. */
  paymentsTotalPence: number;
}

/** The run's batches whose files are not stored yet (OPEN), with their totals, in sequence order. */
export async function loadPayoutBatchesToStore(db: Db, runId: string): Promise<PayoutBatchToStore[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      businessDate: string | null;
      sequenceNo: number | null;
      lines: number;
      linesTotal: string;
      batchTotal: string;
      paymentsTotal: string;
    }[]
  >`
    SELECT b.id, to_char(b."businessDate", 'YYYY-MM-DD') AS "businessDate", b."sequenceNo",
           count(l.id)::int AS lines, coalesce(sum(l."amountPence"), 0)::text AS "linesTotal",
           b."totalPence"::text AS "batchTotal", coalesce(sum(p."amountPence"), 0)::text AS "paymentsTotal"
    FROM "Batch" b
    LEFT JOIN "FileLine" l ON l."batchId" = b.id AND NOT l."isVoid"
    LEFT JOIN "Payment" p ON p.id = l."paymentId"
    WHERE b."runId" = ${runId}::uuid AND b.status = 'OPEN'
    GROUP BY b.id
    ORDER BY b."sequenceNo"`;
  return rows.map((b) => {
    if (b.businessDate === null || b.sequenceNo === null) throw new Error(`Payout batch ${b.id} has no date or sequence number`);
    return {
      batchId: b.id,
      businessDate: b.businessDate,
      sequenceNo: b.sequenceNo,
      lineCount: b.lines,
      linesTotalPence: Number(b.linesTotal),
      batchTotalPence: Number(b.batchTotal),
      paymentsTotalPence: Number(b.paymentsTotal),
    };
  });
}

/**
 * The batch's file bytes, made chunk by chunk from its stored lines' own copies (each line's text as
 * selection formatted it, decrypted with `key`) as they stream out of `client` (one COPY), each
 * copy checked against its line (number, reference, amount). Throws, before the last byte, if a
 * copy is missing, does not decrypt or disagrees with its line, or if the lines do not add up to
 * `batch`'s count and total: a store fed from this keeps nothing then. Stopping early leaves
 * `client` mid-COPY: discard it.
 */
export async function* payoutBatchBytes(options: {
  client: pg.PoolClient;
  batch: PayoutBatchToStore;
  key: Buffer;
}): AsyncGenerator<Buffer> {
  const { client, batch, key } = options;
  const differs = (why: string) =>
    new Error(`the Payout file of batch ${batch.batchId} differs from its stored lines (${why}): refusing to store it`);
  const lines = `
    SELECT l."lineNo", l."paymentId", l."fileReference", l."amountPence", l."bankDetailsCiphertext", p.reference
    FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ${uuidLiteral(batch.batchId)} AND NOT l."isVoid"
    ORDER BY l."lineNo"`;

  let count = 0;
  let totalPence = 0;
  for await (const rows of copyRows(client, lines)) {
    let text = "";
    for (const [lineNo, paymentId, fileReference, amount, ciphertext, reference] of rows) {
      const stored = { lineNo: Number(lineNo), fileReference: fileReference!, amountPence: Number(amount) };
      if (stored.lineNo !== count + 1) throw differs(`line ${count + 1} expected, line ${lineNo} found`);
      if (fileReference !== reference) {
        throw differs(`line ${lineNo} names ${fileReference}, its payment ${paymentId} is ${reference}`);
      }
      try {
        text += decryptPayoutLine(ciphertext, key, stored);
      } catch (error) {
        throw differs((error as Error).message);
      }
      count += 1;
      totalPence += stored.amountPence;
    }
    if (text !== "") yield Buffer.from(text, "ascii");
  }
  if (count !== batch.lineCount || totalPence !== batch.linesTotalPence) {
    throw differs(`${count} lines totalling ${totalPence}p read, ${batch.lineCount} totalling ${batch.linesTotalPence}p stored`);
  }
}
