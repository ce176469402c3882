import type { Db, Tx } from "@/lib/db";
import { requestBatchAction } from "@/lib/batches/batch-actions/request-batch-action";
import { checkVoidReason, voidBatchRecords } from "@/lib/batches/void-batch";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";

// An admin returns a Payout batch to NEW, with a typed reason (docs/runs.md#returning-a-payout-batch):
// the Post Office rejected the file or some of its lines, or a delivery that failed or is uncertain
// will not be sent. The batch becomes VOID; its unsettled payments leave it and wait for the next
// run, which puts them in a new batch with a new file. A payment is unsettled while it is NEW (the
// file never reached the Post Office) or SENT without a payment code; a voucher with a code, or with
// the Post Office's outcome, is live or final and stays SENT (or as it is) on its line. A batch that
// was delivered (the Post Office may be paying its vouchers) is only returned when a second admin
// approves one admin's request (lib/batches/batch-actions).

export interface PayoutBatchToSettle {
  id: string;
  status: string;
  method: string;
  runId: string;
  runStatus: string;
}

/** Per payment an audit record and a timeline entry: a large batch needs more than Prisma's 5 seconds. */
export const SETTLE_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

/** Why the batch cannot be returned to NEW, in words for the admin, or null when it can. Pure. */
export function whyPayoutBatchCannotBeReturned(batch: PayoutBatchToSettle): string | null {
  if (batch.method !== "CASH") return "Only a Payout batch can be returned to NEW; a bank batch is voided instead.";
  if (batch.status === "VOID") return "This batch has already been returned to NEW.";
  if (batch.runStatus === "RUNNING") return "A Payout run is working on this batch now. Look again when it has finished.";
  if (batch.status === "OPEN") return "This batch's file was never stored (its run stopped before that). Retry the run instead.";
  return null;
}

/**
 * The batch and its run, both locked in the order the run's own steps lock them (run, then batch),
 * so an admin's change and a run step never interleave, nor deadlock.
 */
export async function lockPayoutBatch(tx: SqlTx, batchId: string): Promise<PayoutBatchToSettle | null> {
  const [run] = await tx.$queryRaw<{ runStatus: string }[]>`
    SELECT r.status::text AS "runStatus" FROM "Run" r JOIN "Batch" b ON b."runId" = r.id
    WHERE b.id = ${batchId}::uuid FOR UPDATE OF r`;
  if (!run) return null;
  const [batch] = await tx.$queryRaw<Omit<PayoutBatchToSettle, "runStatus">[]>`
    SELECT id, status::text AS status, method::text AS method, "runId" FROM "Batch" WHERE id = ${batchId}::uuid FOR UPDATE`;
  return { ...batch, runStatus: run.runStatus };
}

/** The batch's live payments (locked) and those still unsettled; refuses when none is. */
async function loadUnsettled(tx: Tx, batchId: string) {
  const payments = await tx.$queryRaw<{ id: string; reference: string; status: string; paymentCode: string | null }[]>`
    SELECT p.id, p.reference, p.status::text AS status, p."paymentCode"
    FROM "FileLine" l JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"
    ORDER BY l."lineNo"
    FOR UPDATE OF p`;
  const unsettled = payments.filter((p) => p.status === "NEW" || (p.status === "SENT" && p.paymentCode === null));
  if (unsettled.length === 0) {
    throw new AppError(
      "INVALID_STATE",
      "Every payment of this batch has a voucher code or an outcome from the Post Office: there is nothing to return.",
    );
  }
  return { payments, unsettled };
}

/**
 * In the caller's transaction, the batch locked and allowed: its unsettled payments leave it (SENT
 * ones back to NEW, voucher expiry cleared), their lines go void, the batch and its file VOID.
 */
export async function returnPayoutBatchInTransaction(
  tx: Tx,
  options: {
    batch: PayoutBatchToSettle;
    reason: string;
    actor: { id: string; email: string };
    now: Date;
    auditAfter?: Record<string, unknown>;
  },
): Promise<{ returned: number; kept: number }> {
  const { batch, reason, actor, now } = options;
  const { payments, unsettled } = await loadUnsettled(tx, batch.id);
  const ids = unsettled.map((p) => p.id);
  await voidBatchRecords(tx, {
    batchId: batch.id,
    fromStatus: batch.status,
    reason,
    actor,
    now,
    payments: unsettled,
    action: "batch.returned",
    auditAfter: { returned: unsettled.length, kept: payments.length - unsettled.length, ...options.auditAfter },
  });
  await tx.$executeRaw`UPDATE "Payment" SET "voucherExpiresOn" = NULL WHERE id = ANY(${ids}::uuid[])`;
  return { returned: unsettled.length, kept: payments.length - unsettled.length };
}

export type ReturnOutcome =
  | { outcome: "RETURNED"; batchId: string; returned: number; kept: number }
  /** The batch was delivered: only a request, for a second admin. */
  | { outcome: "REQUESTED"; batchId: string; requestId: string };

/**
 * The admin's "Return to NEW" of a Payout batch, with a reason of 5 to 500 characters: at once for
 * a batch never delivered, as a request for a second admin for a delivered one.
 */
export async function returnPayoutBatch(options: {
  db: Db;
  batchId: string;
  reason: string;
  actor: { id: string; email: string };
  now: Date;
}): Promise<ReturnOutcome> {
  const { db, batchId, actor, now } = options;
  const checked = checkVoidReason(options.reason);
  if (!checked.ok) throw new AppError("VALIDATION", checked.message, { reason: [checked.message] });
  return db.$transaction(async (tx) => {
    const batch = await lockAllowedPayoutBatch(tx, batchId);
    if (batch.status === "DELIVERED") {
      await loadUnsettled(tx, batch.id);
      const { requestId } = await requestBatchAction(tx, { batchId, kind: "RETURN", reason: checked.reason, actor, now });
      return { outcome: "REQUESTED", batchId, requestId };
    }
    const outcome = await returnPayoutBatchInTransaction(tx, { batch, reason: checked.reason, actor, now });
    return { outcome: "RETURNED", batchId, ...outcome };
  }, SETTLE_TRANSACTION);
}

/** The return a second admin approved, in their transaction, with the same locks and refusals. */
export async function carryOutPayoutReturn(
  tx: Tx,
  options: {
    batchId: string;
    reason: string;
    actor: { id: string; email: string };
    now: Date;
    auditAfter?: Record<string, unknown>;
  },
): Promise<{ returned: number; kept: number }> {
  const batch = await lockAllowedPayoutBatch(tx, options.batchId);
  return returnPayoutBatchInTransaction(tx, { ...options, batch });
}

async function lockAllowedPayoutBatch(tx: Tx, batchId: string): Promise<PayoutBatchToSettle> {
  const batch = await lockPayoutBatch(tx, batchId);
  if (!batch) throw new AppError("NOT_FOUND", "Batch not found");
  const refusal = whyPayoutBatchCannotBeReturned(batch);
  if (refusal) throw new AppError("INVALID_STATE", refusal);
  return batch;
}
