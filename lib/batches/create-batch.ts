import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";

// A run's batch and its file lines, written in the same transaction that selected (and locked) the
// payments. From then on the lines are what the run sends: a retry rebuilds the file from them,
// never from a new selection, so it makes the same bytes. The partial unique indexes refuse a
// second live bank batch for the run and a second live line for a payment; the unique index on
// (method, businessDate, sequenceNo) refuses a Payout sequence number given twice on one day.

/**
 * The batch and all its lines in one statement, whatever their number: `lines` is SQL selecting the
 * staged lines (e.g. from a temporary table the run filled with COPY), with the columns
 * "lineNo", "paymentId", "amountPence", "fileReference" (what the file's reference column holds:
 * payment reference, or roll number) and "bankDetailsCiphertext" (the details paid to, encrypted:
 * bank details, or a Payout line's own text); a bank batch's lines also have "bankLookupHash" (the
 * lookup hash of the details paid to, lib/bank-details/lookup-hash.ts). The batch's count and total are the lines' own, and
 * must be what the run's rules formatted (`expected`): any difference is a bug, and fails the step. A
 * Payout batch also gets its Europe/London business date (YYYY-MM-DD) and the day's sequence
 * number, which name its file and never change.
 */
export async function createBatch(
  tx: SqlTx,
  options: {
    runId: string;
    method: PaymentMethod;
    lines: Prisma.Sql;
    expected: { lines: number; totalPence: number };
    now: Date;
    businessDate?: string;
    sequenceNo?: number;
  },
): Promise<{ id: string; paymentCount: number; totalPence: number }> {
  const { runId, method, lines, expected, now } = options;
  const businessDate = options.businessDate ?? null;
  // A Payout line pays no bank account, so it has no lookup hash.
  const lookupHash = method === "BANK" ? Prisma.sql`s."bankLookupHash"` : Prisma.sql`NULL`;
  const sequenceNo = options.sequenceNo ?? null;
  const [batch] = await tx.$queryRaw<{ id: string; paymentCount: number; totalPence: string }[]>`
    WITH staged AS MATERIALIZED (${lines}),
    batch AS (
      INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence", "createdAt", "businessDate", "sequenceNo")
      SELECT gen_random_uuid(), ${runId}::uuid, ${method}::"PaymentMethod", 'OPEN', count(*), sum(s."amountPence"),
             (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${businessDate}::date, ${sequenceNo}::int
      FROM staged s HAVING count(*) > 0
      RETURNING id, "paymentCount", "totalPence"
    ),
    written AS (
      INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference", "bankDetailsCiphertext",
                              "bankLookupHash")
      SELECT gen_random_uuid(), b.id, s."lineNo", s."paymentId", s."amountPence", s."fileReference", s."bankDetailsCiphertext",
             ${lookupHash}
      FROM staged s CROSS JOIN batch b
    )
    SELECT id, "paymentCount", "totalPence"::text AS "totalPence" FROM batch`;
  if (!batch) throw new Error("a batch needs at least one line");
  const totalPence = Number(batch.totalPence);
  if (batch.paymentCount !== expected.lines || totalPence !== expected.totalPence) {
    throw new Error(
      `batch ${batch.id} has ${batch.paymentCount} lines totalling ${totalPence}p, ` +
        `but ${expected.lines} lines totalling ${expected.totalPence}p were formatted`,
    );
  }
  return { id: batch.id, paymentCount: batch.paymentCount, totalPence };
}
