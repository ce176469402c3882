import type { CarryOut } from "@/lib/batches/batch-actions/decide-batch-action";
import { voidBatchInTransaction } from "@/lib/batches/void-batch";
import { carryOutPayoutReturn } from "./return-payout-batch";

/**
 * What a second admin's approval runs for each kind of request (lib/batches/batch-actions): the
 * same void or return code one admin runs alone on a batch nobody holds yet. Here, not in
 * lib/batches, because lib/payout builds on lib/batches and not the other way round.
 */
export const batchActionCarriers: Record<"VOID" | "RETURN", CarryOut> = {
  VOID: async (tx, { batchId, reason, actor, now, request }) => {
    const auditAfter = { requestId: request.id, requestedById: request.requestedById };
    return voidBatchInTransaction(tx, { batchId, reason, actor, now, auditAfter });
  },
  RETURN: async (tx, { batchId, reason, actor, now, request }) => {
    const auditAfter = { requestId: request.id, requestedById: request.requestedById };
    const { returned, kept } = await carryOutPayoutReturn(tx, { batchId, reason, actor, now, auditAfter });
    return { payments: returned, kept };
  },
};
