import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { decryptBankDetails, encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import { createBatch } from "@/lib/batches/create-batch";
import { finishRun } from "@/lib/runs/finish-run";
import { runTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";
import { warningsJson, type RunWarning } from "@/lib/runs/run-warnings";
import { formatAccessPay, type AccessPayInput } from "./accesspay/format-accesspay";
import { loadSelectableBankPayments, type SelectableBankPayment } from "./load-selectable-bank-payments";
import { holdExcludedPayments, type Exclusion } from "./run-hold-excluded-payments";

export type Selection = { outcome: "EMPTY" } | { outcome: "BATCH"; batchId: string };

/**
 * Step "selected", one transaction: lock the selectable payments, check each against the
 * claimant's approved bank details as they are now, hold the ones the file cannot carry, and write
 * the batch with one line per payment, each keeping an encrypted copy of the details it pays to.
 * Nothing to pay ends the run EMPTY here. A retry of a run that already selected uses its batch.
 */
export async function selectBankPayments(options: {
  db: Db;
  lease: RunLease;
  key: Buffer;
  now: Date;
  actor: AuditActor;
}): Promise<Selection> {
  const { db, lease, key, now, actor } = options;
  return runTransaction(db, lease, async (tx) => {
    const batches = await tx.batch.findMany({ where: { runId: lease.runId }, select: { id: true, status: true } });
    const live = batches.find((b) => b.status !== "VOID");
    if (live) return { outcome: "BATCH", batchId: live.id };
    // Its file names are taken by the voided files; the payments went back to NEW for a new run.
    if (batches.length > 0)
      throw new AppError("INVALID_STATE", `The batch of run ${lease.runId} was voided: start a new run instead`);

    const payments = await loadSelectableBankPayments(tx);
    const exclusions: Exclusion[] = [];
    const exclude = (p: SelectableBankPayment, reason: Exclusion["reason"], detail: string) =>
      exclusions.push({
        paymentId: p.id,
        reference: p.reference,
        claimId: p.claimId,
        claimantId: p.claim.claimantId,
        reason,
        detail,
      });
    const inputs: AccessPayInput[] = [];
    const undecryptable: SelectableBankPayment[] = [];
    for (const p of payments) {
      const ciphertext = p.claim.claimant.bankDetails?.ciphertext;
      if (!ciphertext) {
        exclude(p, "NO_BANK_DETAILS", "the claimant has no approved bank details");
        continue;
      }
      try {
        inputs.push({
          paymentId: p.id,
          paymentReference: p.reference,
          amountPence: p.amountPence,
          bank: decryptBankDetails(ciphertext, key),
        });
      } catch {
        undecryptable.push(p);
      }
    }
    // One record that does not decrypt is a damaged record, held like any bad one; none decrypting
    // means the wrong key, which must fail the run, not put every payment on hold.
    if (undecryptable.length > 0 && inputs.length === 0) {
      throw new Error(`none of the ${undecryptable.length} claimants' bank details could be decrypted: check BANK_DETAILS_KEY`);
    }
    for (const p of undecryptable) exclude(p, "BAD_BANK_DETAILS", "the stored bank details could not be decrypted");

    const file = formatAccessPay(inputs);
    const byId = new Map(payments.map((p) => [p.id, p]));
    for (const x of file.excluded) exclude(byId.get(x.paymentId)!, x.reason, x.detail);

    const held = await holdExcludedPayments(tx, { exclusions, runId: lease.runId, now, actor });
    const warnings: RunWarning[] = [
      ...held,
      ...file.warnings.map((w): RunWarning => ({
        kind: "VALUE_CLEANED",
        paymentId: w.paymentId,
        reference: w.paymentReference,
        field: w.field,
        changes: w.changes,
      })),
    ];

    if (file.lines.length === 0) {
      await finishRun(tx, lease, {
        status: "EMPTY",
        now,
        actor,
        paymentCount: 0,
        totalPence: 0,
        heldCount: held.length,
        warnings,
      });
      return { outcome: "EMPTY" };
    }

    const batch = await createBatch(tx, {
      runId: lease.runId,
      method: "BANK",
      lines: file.lines.map((line) => ({
        lineNo: line.lineNo,
        paymentId: line.paymentId,
        amountPence: line.amountPence,
        fileReference: line.fileReference,
        bankDetailsCiphertext: encryptBankDetails(line.bank, key),
      })),
    });
    await tx.run.update({
      where: { id: lease.runId },
      data: {
        paymentCount: batch.paymentCount,
        totalPence: BigInt(batch.totalPence),
        heldCount: held.length,
        warnings: warningsJson(warnings),
      },
    });
    await recordAudit(tx, {
      actor,
      action: "run.selected",
      entityType: "Run",
      entityId: lease.runId,
      after: { batchId: batch.id, paymentCount: batch.paymentCount, totalPence: batch.totalPence, held: held.length },
    });
    return { outcome: "BATCH", batchId: batch.id };
  });
}
