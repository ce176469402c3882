import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { movePayments } from "@/lib/payments/move-payments";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// An admin voids a stored bank batch whose file AccessPay rejected (docs/runs.md#voiding-a-batch:
// SENT -> NEW). The batch, its files and its lines are marked void, never deleted, and the files
// stay in the store as they are: they are the record of what was sent. Marking the lines void is
// what lets the next run select the payments again, into a new batch (the partial unique indexes
// only count live rows). A payment SSCL has already reported on (PAID or FAILED) has left our
// hands, so a batch holding one cannot be voided at all: voiding only part of a file would
// misstate what it carried.

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
  claimId: string;
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
    SELECT p.id, p.reference, p.status::text AS status, p."claimId", c."claimantId"
    FROM "FileLine" l
    JOIN "Payment" p ON p.id = l."paymentId"
    JOIN "Claim" c ON c.id = p."claimId"
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"
    ORDER BY l."lineNo"
    ${options.lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty}`;
}

/** Per payment an event and an audit record: a large batch needs more than Prisma's 5-second default. */
const VOID_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export async function voidBatch(options: {
  db: Db;
  batchId: string;
  reason: string;
  actor: { id: string; email: string };
  now: Date;
}): Promise<{ batchId: string; payments: number; paymentIds: string[] }> {
  const { db, batchId, actor, now } = options;
  const checked = checkVoidReason(options.reason);
  if (!checked.ok) throw new AppError("VALIDATION", checked.message, { reason: [checked.message] });
  const reason = checked.reason;

  return db.$transaction(async (tx) => {
    // The batch row first: of two admins voiding at once, the second waits here and then sees VOID.
    const [batch] = await tx.$queryRaw<BatchToVoid[]>`
      SELECT id, status::text AS status, method::text AS method FROM "Batch" WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!batch) throw new AppError("NOT_FOUND", "Batch not found");
    const early = whyBatchCannotBeVoided(batch, []);
    if (early) throw new AppError("INVALID_STATE", early);
    const payments = await loadLivePayments(tx, batchId, { lock: true });
    const refusal = whyBatchCannotBeVoided(batch, payments);
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    if (payments.length === 0) throw new Error(`stored batch ${batchId} has no live lines`);

    const ids = payments.map((p) => p.id);
    const { count } = await movePayments(tx, {
      transition: "unsend",
      mover: "ADMIN",
      ids,
      reason,
      actor,
      now,
      source: { batchId },
      auditBefore: { batchId },
    });
    if (count !== payments.length) throw new Error(`put ${count} of ${payments.length} payments of batch ${batchId} back to NEW`);
    const lines = await tx.fileLine.updateMany({ where: { batchId, isVoid: false }, data: { isVoid: true } });
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
      action: "batch.voided",
      entityType: "Batch",
      entityId: batchId,
      before: { status: batch.status },
      after: { status: "VOID", reason, payments: payments.length, lines: lines.count, files: files.map((f) => f.fileName) },
    });
    return { batchId, payments: payments.length, paymentIds: ids };
  }, VOID_TRANSACTION);
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
