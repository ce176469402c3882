import type { Db } from "@/lib/db";
import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import { StagingFile } from "@/lib/db/staging-file";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createBatch } from "@/lib/batches/create-batch";
import { finishRun } from "@/lib/runs/finish-run";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";
import {
  COPY_INTO_STAGE_TABLE,
  CREATE_STAGE_TABLE,
  STAGE_TABLE,
  stageSelectableBankPayments,
  type StagedSelection,
} from "./load-selectable-bank-payments";
import { holdExcludedPayments } from "@/lib/batches/hold-excluded-payments";

export type Selection = { outcome: "EMPTY" } | { outcome: "BATCH"; batchId: string };

const stage = Prisma.raw(STAGE_TABLE);

/**
 * Step "selected", one transaction, set-based: lock the selectable payments, check each against the
 * claimant's approved bank details as they are now, hold the ones the file cannot carry, and write
 * the batch with one line per payment, each keeping an encrypted copy of the details it pays to.
 * Nothing to pay ends the run EMPTY here. A retry of a run that already selected uses its batch.
 *
 * The same statements for any number of payments: the payments stream out through the pure checks
 * into a staging file (stageSelectableBankPayments), go back in with one COPY, and one statement
 * each holds the excluded ones, writes the batch and its lines, and records the run's counts and
 * warnings. Nothing holds all the payments in memory.
 */
export async function selectBankPayments(options: {
  db: Db;
  lease: RunLease;
  key: Buffer;
  now: Date;
  actor: AuditActor;
}): Promise<Selection> {
  const { db, lease, key, now, actor } = options;
  return runPgTransaction(db, lease, async (tx) => {
    const batches = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text AS status FROM "Batch" WHERE "runId" = ${lease.runId}::uuid`;
    const live = batches.find((b) => b.status !== "VOID");
    if (live) return { outcome: "BATCH", batchId: live.id };
    // Its file names are taken by the voided files; the payments went back to NEW for a new run.
    if (batches.length > 0)
      throw new AppError("INVALID_STATE", `The batch of run ${lease.runId} was voided: start a new run instead`);

    const staging = await StagingFile.create("disburse-selection-");
    let staged: StagedSelection;
    try {
      staged = await stageSelectableBankPayments(tx.client, key, staging);
      // One record that does not decrypt is a damaged record, held like any bad one; none
      // decrypting means the wrong key, which must fail the run, not put every payment on hold.
      if (staged.undecryptable > 0 && staged.decrypted === 0) {
        throw new Error(`none of the ${staged.undecryptable} claimants' bank details could be decrypted: check BANK_DETAILS_KEY`);
      }
      await tx.$executeRaw`${Prisma.raw(CREATE_STAGE_TABLE)}`;
      await staging.copyInto(tx.client, COPY_INTO_STAGE_TABLE);
    } finally {
      await staging.discard();
    }

    const held = await holdExcludedPayments(tx, {
      exclusions: Prisma.sql`
        SELECT payment_id AS id, reason, timeline_detail AS "timelineDetail", detail FROM ${stage} WHERE kind = 'H'`,
      runId: lease.runId,
      now,
      actor,
    });
    if (held !== staged.held) throw new Error(`${staged.held} payments to hold, but ${held} were held`);
    // The run's counts, and its warnings: holds first, then what cleaning changed, each in the order
    // the payments were selected.
    const recordSelection = (paymentCount: number, totalPence: number) => tx.$executeRaw`
      UPDATE "Run"
      SET "paymentCount" = ${paymentCount}::int, "totalPence" = ${totalPence}::bigint, "heldCount" = ${held}::int,
          warnings = (SELECT coalesce(jsonb_agg(warning ORDER BY kind = 'W', seq), '[]'::jsonb)
                      FROM ${stage} WHERE warning IS NOT NULL)
      WHERE id = ${lease.runId}::uuid`;

    if (staged.lines === 0) {
      await recordSelection(0, 0);
      await finishRun(tx, lease, { status: "EMPTY", now, actor, paymentCount: 0, totalPence: 0 });
      return { outcome: "EMPTY" };
    }

    const batch = await createBatch(tx, {
      runId: lease.runId,
      method: "BANK",
      now,
      lines: Prisma.sql`
        SELECT line_no AS "lineNo", payment_id AS "paymentId", amount_pence AS "amountPence",
               file_reference AS "fileReference", ciphertext AS "bankDetailsCiphertext"
        FROM ${stage} WHERE kind = 'L'`,
    });
    if (batch.paymentCount !== staged.lines || batch.totalPence !== staged.totalPence) {
      throw new Error(
        `batch ${batch.id} has ${batch.paymentCount} lines totalling ${batch.totalPence}p, ` +
          `but ${staged.lines} lines totalling ${staged.totalPence}p were formatted`,
      );
    }
    await recordSelection(batch.paymentCount, batch.totalPence);
    await recordAuditSql(tx, {
      actor,
      action: "run.selected",
      entityType: "Run",
      entityId: lease.runId,
      after: { batchId: batch.id, paymentCount: batch.paymentCount, totalPence: batch.totalPence, held },
    });
    return { outcome: "BATCH", batchId: batch.id };
  });
}
