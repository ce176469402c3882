import type { Db } from "@/lib/db";
import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import { createBatch } from "@/lib/batches/create-batch";
import { stageRunSelection } from "@/lib/batches/stage-run-selection";
import { londonDate } from "@/lib/dates/london-date";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RunLease } from "@/lib/runs/run-lease";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import { MAX_PAYOUT_FILES_PER_DAY } from "./format-payout-file";
import {
  COPY_INTO_STAGE_TABLE,
  CREATE_STAGE_TABLE,
  STAGE_TABLE,
  stageSelectableCashPayments,
} from "./load-selectable-cash-payments";

export type CashSelection = { outcome: "EMPTY" } | { outcome: "BATCHES"; batchIds: string[] };

const stage = Prisma.raw(STAGE_TABLE);

/**
 * Step "selected" of the Payout run, one transaction, set-based: lock the selectable cash payments,
 * format them (in bounded chunks), hold the ones the file cannot carry, and write one batch per
 * file of at most `maxPerFile` payments, each with the run's Europe/London date and the day's next
 * sequence number, and its lines, each keeping its own text encrypted with `key` (the file is
 * made from those copies). Nothing to pay ends the run EMPTY here. A retry of a run that already
 * selected uses its batches.
 *
 * The same statements for any number of payments, plus one per batch: the payments stream out
 * through the pure formatter into a staging file, go back in with one COPY, and one statement each
 * holds the excluded ones, writes a batch and its lines, and records the run's counts and warnings.
 */
export async function selectCashPayments(options: {
  db: Db;
  lease: RunLease;
  /** The bank-details key: encrypts each line's copy of what it pays to. */
  key: Buffer;
  now: Date;
  actor: AuditActor;
  maxPerFile: number;
  letterTemplateCode: string;
}): Promise<CashSelection> {
  const { db, lease, key, now, actor, maxPerFile, letterTemplateCode } = options;
  return runPgTransaction(db, lease, async (tx) => {
    const existing = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text AS status FROM "Batch" WHERE "runId" = ${lease.runId}::uuid ORDER BY "sequenceNo", id`;
    const live = existing.filter((b) => b.status !== "VOID");
    if (live.length > 0) return { outcome: "BATCHES", batchIds: live.map((b) => b.id) };
    // Its file names are taken by the returned batches; their payments went back to NEW for a new run.
    if (existing.length > 0)
      throw new AppError("INVALID_STATE", `Every batch of run ${lease.runId} was returned to NEW: start a new run instead`);

    const selection = await stageRunSelection(tx, {
      lease,
      now,
      actor,
      table: { name: STAGE_TABLE, create: CREATE_STAGE_TABLE, copyInto: COPY_INTO_STAGE_TABLE },
      stagingPrefix: "disburse-payout-selection-",
      stage: (staging) => stageSelectableCashPayments(tx.client, staging, { key, letterTemplateCode, maxPerFile }),
    });
    if (selection === null) return { outcome: "EMPTY" };
    const { staged, held } = selection;

    // The day is the run's (its frozen start), so a retry days later names its files as the first
    // attempt did; the sequence continues the day's Payout files, void ones included (their names
    // were used). The unique index on (method, businessDate, sequenceNo) would refuse a repeat.
    const businessDate = londonDate(lease.startedAt);
    const [{ last }] = await tx.$queryRaw<{ last: number }[]>`
      SELECT coalesce(max("sequenceNo"), 0)::int AS last FROM "Batch"
      WHERE method = 'CASH' AND "businessDate" = ${businessDate}::date`;
    if (last + staged.batches.length > MAX_PAYOUT_FILES_PER_DAY) {
      throw new AppError(
        "INVALID_STATE",
        `${staged.batches.length} more Payout files on ${businessDate} would pass the ${MAX_PAYOUT_FILES_PER_DAY} a day the file name allows`,
      );
    }
    if (staged.batches.length > 1) await tx.$executeRaw`CREATE INDEX ON ${stage} (batch_no) WHERE kind = 'L'`;

    const created: { batchId: string; sequenceNo: number; paymentCount: number; totalPence: number }[] = [];
    for (const expected of staged.batches) {
      const sequenceNo = last + expected.batchNo;
      const batch = await createBatch(tx, {
        runId: lease.runId,
        method: "CASH",
        now,
        businessDate,
        sequenceNo,
        lines: Prisma.sql`
          SELECT line_no AS "lineNo", payment_id AS "paymentId", amount_pence AS "amountPence",
                 file_reference AS "fileReference", line_copy AS "bankDetailsCiphertext"
          FROM ${stage} WHERE kind = 'L' AND batch_no = ${expected.batchNo}::int`,
        expected,
      });
      created.push({ batchId: batch.id, sequenceNo, paymentCount: batch.paymentCount, totalPence: batch.totalPence });
    }
    await recordAuditSql(tx, {
      actor,
      action: "run.selected",
      entityType: "Run",
      entityId: lease.runId,
      after: { businessDate, batches: created, paymentCount: staged.lines, totalPence: staged.totalPence, held },
    });
    return { outcome: "BATCHES", batchIds: created.map((b) => b.batchId) };
  });
}
