import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";

// A payment a run's file cannot carry (bad bank details, a name, address line or postcode that
// cleaning leaves empty or invalid) is put on hold with the reason instead of blocking the run: the
// claim shows under "needs attention" for a caseworker, the run lists it, and once the hold is
// cleared the next run picks it up. Shared by the direct-payments and Payout runs.

/**
 * Holds the excluded payments in one move, however many: `exclusions` is SQL selecting the staged
 * exclusions, with the columns id (the payment), reason (its hold reason), "timelineDetail" (the
 * words for its timeline entry) and detail (why, for the audit record and the timeline's detail).
 * Returns how many were held.
 */
export async function holdExcludedPayments(
  tx: SqlTx,
  options: { exclusions: Prisma.Sql; runId: string; now: Date; actor: AuditActor },
): Promise<number> {
  const { exclusions, runId, now, actor } = options;
  // The rows are locked by the selection and were NEW with no hold, so none is missed.
  const { count } = await movePayments(tx, {
    transition: "hold",
    mover: "SYSTEM",
    query: exclusions,
    queryColumns: { reason: "reason", detail: "timelineDetail" },
    actor,
    now,
    source: { runId },
    timelineActorId: null,
  });
  return count;
}
