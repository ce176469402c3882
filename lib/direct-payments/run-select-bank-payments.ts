import type { Db } from "@/lib/db";
import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createBatch } from "@/lib/batches/create-batch";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";
import {
  COPY_INTO_STAGE_TABLE,
  CREATE_STAGE_TABLE,
  STAGE_TABLE,
  stageSelectableBankPayments,
  wrongKeyProblem,
} from "./load-selectable-bank-payments";
import { stageRunSelection } from "@/lib/batches/stage-run-selection";

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

    const selection = await stageRunSelection(tx, {
      lease,
      now,
      actor,
      table: { name: STAGE_TABLE, create: CREATE_STAGE_TABLE, copyInto: COPY_INTO_STAGE_TABLE },
      stagingPrefix: "disburse-selection-",
      stage: async (staging) => {
        const staged = await stageSelectableBankPayments(tx.client, key, staging);
        // One record that does not decrypt is a damaged record, held like any bad one; none
        // decrypting means the wrong key, which must fail the run, not put every payment on hold.
        const wrongKey = wrongKeyProblem(staged);
        if (wrongKey) throw new Error(wrongKey);
        return staged;
      },
    });
    if (selection === null) return { outcome: "EMPTY" };
    const { staged, held } = selection;

    const batch = await createBatch(tx, {
      runId: lease.runId,
      method: "BANK",
      now,
      lines: Prisma.sql`
        SELECT line_no AS "lineNo", payment_id AS "paymentId", amount_pence AS "amountPence",
               file_reference AS "fileReference", ciphertext AS "bankDetailsCiphertext", lookup_hash AS "bankLookupHash"
        FROM ${stage} WHERE kind = 'L'`,
      expected: staged,
    });
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
