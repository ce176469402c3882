import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { BatchActionKind } from "@/lib/generated/prisma/enums";
import { whyCannotWithdrawBatchAction } from "./batch-action-rules";

/**
 * The admin who asked for a void or return takes the request back while it waits (asked in error,
 * or the bank answered first); nothing else changes, and a new request may be made. The row is
 * locked first, so a withdrawal and a second admin's approval cannot both happen.
 */
export async function withdrawBatchAction(options: {
  db: Db;
  actor: { id: string; email: string };
  requestId: string;
  now: Date;
}): Promise<{ kind: BatchActionKind; batchId: string }> {
  const { db, actor, requestId, now } = options;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "BatchActionRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "Request not found");
    const request = await tx.batchActionRequest.findUniqueOrThrow({ where: { id: requestId } });
    const refusal = whyCannotWithdrawBatchAction(request, actor.id);
    if (refusal) throw new AppError(request.status === "PENDING" ? "FORBIDDEN" : "INVALID_STATE", refusal);
    await tx.batchActionRequest.update({
      where: { id: request.id },
      data: { status: "WITHDRAWN", decidedById: actor.id, decidedAt: now },
    });
    await recordAudit(tx, {
      actor,
      action: "batch-action.withdrawn",
      entityType: "Batch",
      entityId: request.batchId,
      after: { requestId: request.id, kind: request.kind },
    });
    return { kind: request.kind, batchId: request.batchId };
  });
}
