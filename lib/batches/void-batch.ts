import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { movePayments } from "@/lib/payments/move-payments";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { requestBatchAction } from "./batch-actions/request-batch-action";

// An admin voids a stored bank batch whose file AccessPay rejected (docs/runs.md#voiding-a-batch:
// SENT -> NEW). The batch, its files and its lines are marked void, never deleted, and the files
// stay in the store as they are: they are the record of what was sent. Marking the lines void is
// what lets the next run select the payments again, into a new batch (the partial unique indexes
// only count live rows). A payment SSCL has already reported on (PAID or FAILED) has left our
// hands, so a batch holding one cannot be voided at all: voiding only part of a file would
// misstate what it carried. The records part (voidBatchRecords) is shared with the Payout
// batch's "return to NEW" (lib/payout/return-payout-batch.ts), whose rules differ. Once any file of
// the batch was downloaded, one admin only asks; a second admin approves (./batch-actions).

export const VOID_REASON_MIN = 5;
export const VOID_REASON_MAX = 500;

export interface BatchToVoid {
  id: string;
  status: string;
  method: string;
}

export interface BatchPayment {
  id: string;
  reference: string;
  status: string;
  /** Null for a cycle's payment. */
  claimId: string | null;
  /** The person paid. */
  claimantId: string;
}

/** The reason as it will be stored, or the message to show next to the field. */
export function checkVoidReason(reason: string): { ok: true; reason: string } | { ok: false; message: string } {
  const trimmed = reason.trim();
  if (trimmed.length < VOID_REASON_MIN) return { ok: false, message: `Give a reason of at least ${VOID_REASON_MIN} characters` };
  if (trimmed.length > VOID_REASON_MAX)
    return { ok: false, message: `Keep the reason to ${VOID_REASON_MAX} characters or fewer` };
  return { ok: true, reason: trimmed };
}

/** Why the batch cannot be voided, in words for the admin, or null when it can. Pure. */
export function whyBatchCannotBeVoided(
  batch: BatchToVoid,
  payments: readonly Pick<BatchPayment, "reference" | "status">[],
): string | null {
  if (batch.status === "VOID") return "This batch is already void.";
  if (batch.status === "OPEN") {
    return "This batch belongs to a run that has not finished (in progress or failed); its files were never made available. Retry the run instead.";
  }
  if (batch.method !== "BANK" || batch.status !== "STORED") return "Only a bank batch whose files are stored can be voided.";
  const reported = payments.filter((p) => p.status !== "SENT");
  if (reported.length > 0) {
    const list = reported.map((p) => `${p.reference} (${p.status.toLowerCase()})`).join(", ");
    return `This batch cannot be voided: ${list} already ${reported.length === 1 ? "has" : "have"} an outcome from SSCL, and a payment SSCL has reported on cannot be pulled back.`;
  }
  return null;
}

async function loadLivePayments(tx: Tx | Db, batchId: string, options: { lock: boolean }): Promise<BatchPayment[]> {
  return tx.$queryRaw<BatchPayment[]>`
    SELECT p.id, p.reference, p.status::text AS status, p."claimId", p."personId" AS "claimantId"
    FROM "FileLine" l
    JOIN "Payment" p ON p.id = l."paymentId"
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"
    ORDER BY l."lineNo"
    ${options.lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty}`;
}

/** Per payment an event and an audit record: a large batch needs more than Prisma's 5-second default. */
const VOID_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export type VoidOutcome =
  | { outcome: "VOIDED"; batchId: string; payments: number; paymentIds: string[] }
  /** A file of the batch was downloaded: only a request, for a second admin (./batch-actions). */
  | { outcome: "REQUESTED"; batchId: string; requestId: string };

/**
 * An admin voids a stored bank batch. While none of its files has been downloaded the bank cannot
 * hold it, and one admin's decision is enough. Once any file was downloaded, the bank may pay it:
 * the void only becomes a request, carried out when a second admin approves it.
 */
export async function voidBatch(options: {
  db: Db;
  batchId: string;
  reason: string;
  actor: { id: string; email: string };
  now: Date;
}): Promise<VoidOutcome> {
  const { db, batchId, actor, now } = options;
  const checked = checkVoidReason(options.reason);
  if (!checked.ok) throw new AppError("VALIDATION", checked.message, { reason: [checked.message] });
  const reason = checked.reason;

  return db.$transaction(async (tx) => {
    const { batch, payments } = await lockVoidableBatch(tx, batchId);
    if (await anyFileDownloaded(tx, batchId)) {
      const { requestId } = await requestBatchAction(tx, { batchId, kind: "VOID", reason, actor, now });
      return { outcome: "REQUESTED", batchId, requestId };
    }
    await voidBatchRecords(tx, { batchId, fromStatus: batch.status, reason, actor, now, payments, action: "batch.voided" });
    return { outcome: "VOIDED", batchId, payments: payments.length, paymentIds: payments.map((p) => p.id) };
  }, VOID_TRANSACTION);
}

/**
 * The void a second admin approved (lib/payout/batch-action-carriers.ts), in their transaction:
 * the same locks and refusals as voidBatch, whatever was downloaded since.
 */
export async function voidBatchInTransaction(
  tx: Tx,
  options: {
    batchId: string;
    reason: string;
    actor: { id: string; email: string };
    now: Date;
    auditAfter?: Record<string, unknown>;
  },
): Promise<{ payments: number }> {
  const { batchId, reason, actor, now, auditAfter } = options;
  const { batch, payments } = await lockVoidableBatch(tx, batchId);
  await voidBatchRecords(tx, {
    batchId,
    fromStatus: batch.status,
    reason,
    actor,
    now,
    payments,
    action: "batch.voided",
    auditAfter,
  });
  return { payments: payments.length };
}

/** The batch row first: of two admins voiding at once, the second waits here and then sees VOID. */
async function lockVoidableBatch(tx: Tx, batchId: string): Promise<{ batch: BatchToVoid; payments: BatchPayment[] }> {
  const [batch] = await tx.$queryRaw<BatchToVoid[]>`
    SELECT id, status::text AS status, method::text AS method FROM "Batch" WHERE id = ${batchId}::uuid FOR UPDATE`;
  if (!batch) throw new AppError("NOT_FOUND", "Batch not found");
  const early = whyBatchCannotBeVoided(batch, []);
  if (early) throw new AppError("INVALID_STATE", early);
  const payments = await loadLivePayments(tx, batchId, { lock: true });
  const refusal = whyBatchCannotBeVoided(batch, payments);
  if (refusal) throw new AppError("INVALID_STATE", refusal);
  if (payments.length === 0) throw new Error(`stored batch ${batchId} has no live lines`);
  return { batch, payments };
}

/**
 * Whether anyone downloaded a file of the batch. A download is recorded under a share lock on the
 * batch row (./open-file-download.ts), so with the batch locked for update the answer holds.
 */
export async function anyFileDownloaded(tx: Tx | Db, batchId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ downloaded: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "FileDownload" d JOIN "BatchFile" f ON f.id = d."batchFileId" WHERE f."batchId" = ${batchId}::uuid
    ) AS downloaded`;
  return row.downloaded;
}

/**
 * The records of voiding a batch, in the caller's transaction (its batch row locked, its refusal
 * rules already applied): the given payments leave the batch (SENT ones go back to NEW through
 * movePayments "unsend"; NEW ones, of a Payout batch never delivered, stay NEW), their lines are
 * marked void so the next run can select them again, and the batch and its files are marked void,
 * never deleted. A bank batch gives every payment on its live lines; a Payout batch may keep some
 * (a voucher already coded or settled stays on its line). One audit record for the batch; each
 * moved payment gets its own from movePayments.
 */
export async function voidBatchRecords(
  tx: Tx,
  options: {
    batchId: string;
    fromStatus: string;
    reason: string;
    actor: { id: string; email: string };
    now: Date;
    payments: readonly Pick<BatchPayment, "id" | "status">[];
    /** "batch.voided" (bank) or "batch.returned" (Payout). */
    action: string;
    auditAfter?: Record<string, unknown>;
  },
): Promise<{ moved: number; lines: number; files: string[] }> {
  const { batchId, fromStatus, reason, actor, now, payments, action, auditAfter } = options;
  const sent = payments.filter((p) => p.status === "SENT").map((p) => p.id);
  const { count } =
    sent.length === 0
      ? { count: 0 }
      : await movePayments(tx, {
          transition: "unsend",
          mover: "ADMIN",
          ids: sent,
          reason,
          actor,
          now,
          source: { batchId },
          auditBefore: { batchId },
        });
  if (count !== sent.length) throw new Error(`put ${count} of ${sent.length} payments of batch ${batchId} back to NEW`);
  const ids = payments.map((p) => p.id);
  const lines = await tx.$executeRaw`
    UPDATE "FileLine" SET "isVoid" = true
    WHERE "batchId" = ${batchId}::uuid AND NOT "isVoid" AND "paymentId" = ANY(${ids}::uuid[])`;
  const files = await tx.batchFile.findMany({
    where: { batchId },
    select: { id: true, fileName: true },
    orderBy: { kind: "asc" },
  });
  await tx.batchFile.updateMany({ where: { batchId }, data: { isVoid: true } });
  await tx.batch.update({
    where: { id: batchId },
    data: { status: "VOID", voidReason: reason, voidedAt: now, voidedById: actor.id },
  });
  await recordAudit(tx, {
    actor,
    action,
    entityType: "Batch",
    entityId: batchId,
    before: { status: fromStatus },
    after: {
      status: "VOID",
      reason,
      payments: payments.length,
      lines,
      files: files.map((f) => f.fileName),
      ...auditAfter,
    } as Prisma.InputJsonValue,
  });
  return { moved: count, lines, files: files.map((f) => f.fileName) };
}

/** For the void page: the batch, its files and payments, and whether (or why not) it can be voided. */
export async function loadBatchForVoid(db: Db, batchId: string) {
  const batch = await db.batch.findUnique({
    where: { id: batchId },
    include: {
      run: { select: { id: true, kind: true, startedAt: true, status: true } },
      files: { orderBy: { kind: "asc" }, include: { _count: { select: { downloads: true } } } },
    },
  });
  if (!batch) return null;
  const payments = await loadLivePayments(db, batchId, { lock: false });
  const voidedBy = batch.voidedById
    ? await db.user.findUnique({ where: { id: batch.voidedById }, select: { name: true } })
    : null;
  return {
    id: batch.id,
    run: batch.run,
    method: batch.method,
    status: batch.status,
    paymentCount: batch.paymentCount,
    totalPence: Number(batch.totalPence),
    voidReason: batch.voidReason,
    voidedAt: batch.voidedAt,
    voidedBy: voidedBy?.name ?? null,
    files: batch.files.map((f) => ({
      id: f.id,
      kind: f.kind,
      fileName: f.fileName,
      isVoid: f.isVoid,
      downloads: f._count.downloads,
    })),
    payments: payments.map((p) => ({ id: p.id, reference: p.reference, status: p.status })),
    cannotVoidBecause: whyBatchCannotBeVoided(batch, payments),
  };
}

export type BatchForVoid = NonNullable<Awaited<ReturnType<typeof loadBatchForVoid>>>;
