import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { BatchActionKind } from "@/lib/generated/prisma/enums";
import { whyCannotDecideBatchAction } from "./batch-action-rules";

/** What carrying out an approved request did, for the approver's message. */
export type CarriedOut = { payments: number; kept?: number };

/**
 * Carries out one kind of request in the decider's transaction: the void or return code that one
 * admin runs alone on a batch nobody has downloaded or received, with its own locks and refusals.
 * Handed in (lib/payout/batch-action-carriers.ts) because lib/payout builds on lib/batches.
 */
export type CarryOut = (
  tx: Tx,
  options: {
    batchId: string;
    reason: string;
    actor: { id: string; email: string };
    now: Date;
    request: { id: string; requestedById: string };
  },
) => Promise<CarriedOut>;

/** Per payment an audit record and a timeline entry: a large batch needs more than Prisma's 5 seconds. */
const DECIDE_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

/**
 * A second admin approves (the void or return runs now, in this transaction) or rejects (nothing
 * moves) a pending request. The request row is locked first and must still be PENDING, so a
 * request is carried out once however many admins approve it at the same moment.
 */
export async function decideBatchAction(options: {
  db: Db;
  actor: { id: string; email: string };
  requestId: string;
  decision: "APPROVE" | "REJECT";
  note?: string;
  now: Date;
  carryOut: Record<BatchActionKind, CarryOut>;
}): Promise<{ outcome: "APPROVED" | "REJECTED"; kind: BatchActionKind; batchId: string; carried?: CarriedOut }> {
  const { db, actor, requestId, decision, now, carryOut } = options;
  const note = options.note?.trim() || null;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "BatchActionRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "Request not found");
    const request = await tx.batchActionRequest.findUniqueOrThrow({ where: { id: requestId } });
    const refusal = whyCannotDecideBatchAction(request, actor.id);
    if (refusal) throw new AppError(request.status === "PENDING" ? "FORBIDDEN" : "INVALID_STATE", refusal);
    const carried =
      decision === "APPROVE"
        ? await carryOut[request.kind](tx, {
            batchId: request.batchId,
            reason: request.reason,
            actor,
            now,
            request: { id: request.id, requestedById: request.requestedById },
          })
        : undefined;
    const status = decision === "APPROVE" ? "APPROVED" : "REJECTED";
    await tx.batchActionRequest.update({
      where: { id: request.id },
      data: { status, decidedById: actor.id, decidedAt: now, decisionNote: note },
    });
    await recordAudit(tx, {
      actor,
      action: decision === "APPROVE" ? "batch-action.approved" : "batch-action.rejected",
      entityType: "Batch",
      entityId: request.batchId,
      after: { requestId: request.id, kind: request.kind, requestedById: request.requestedById, note },
    });
    return { outcome: status, kind: request.kind, batchId: request.batchId, carried };
  }, DECIDE_TRANSACTION);
}
