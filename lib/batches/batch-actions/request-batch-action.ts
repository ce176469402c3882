import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { BatchActionKind } from "@/lib/generated/prisma/enums";

/**
 * Records one admin's request to void or return a batch (the caller holds the batch row locked
 * and has applied the action's own refusal rules): nothing moves until a second admin approves.
 * One pending request per batch, so a second admin decides exactly what was asked.
 */
export async function requestBatchAction(
  tx: Tx,
  options: { batchId: string; kind: BatchActionKind; reason: string; actor: { id: string; email: string }; now: Date },
): Promise<{ requestId: string }> {
  const { batchId, kind, reason, actor, now } = options;
  const pending = await tx.batchActionRequest.findFirst({ where: { batchId, status: "PENDING" } });
  if (pending) {
    throw new AppError(
      "CONFLICT",
      "A request for this batch is already waiting for a second administrator. It must be approved or rejected first.",
    );
  }
  const request = await tx.batchActionRequest.create({
    data: { batchId, kind, reason, requestedById: actor.id, requestedAt: now },
  });
  await recordAudit(tx, {
    actor,
    action: "batch-action.requested",
    entityType: "Batch",
    entityId: batchId,
    after: { requestId: request.id, kind, reason },
  });
  return { requestId: request.id };
}
