import type { SqlTx } from "@/lib/db/pg-transaction";
import type { AuditActor } from "@/lib/audit/record-audit";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { AppError } from "@/lib/errors";
import type { RunWarning } from "../runs/run-warnings";

// NEW -> SENT for every payment on the batch's live lines, and the batch to STORED (bank files in
// the store) or DELIVERED (Payout, after the SFTP rename). All of them or none: a payment that is no
// longer NEW was cancelled after the run wrote it into files that are already stored, so sending
// the others would leave a file that pays it; the step fails loudly instead and changes nothing.

/** How many of a batch's changed payments to name in the error; the rest are counted. */
const NAMED = 10;

export async function markBatchSent(
  tx: SqlTx,
  options: { batchId: string; batchStatus: "STORED" | "DELIVERED"; now: Date; actor: AuditActor; runId: string },
): Promise<{ count: number; totalPence: number; heldAfterSelection: RunWarning[] }> {
  const { batchId, batchStatus, now, actor, runId } = options;
  const liveLines = Prisma.sql`SELECT l."paymentId" AS id FROM "FileLine" l WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"`;
  const [totals] = await tx.$queryRaw<{ lines: number; pence: string }[]>`
    SELECT count(*)::int AS lines, coalesce(sum(l."amountPence"), 0)::text AS pence
    FROM "FileLine" l WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid"`;
  if (totals.lines === 0) throw new Error(`batch ${batchId} has no live lines`);

  // The files were written before a hold arrived, with the details approved at that time
  // (docs/domain.md#bank-details): they are sent as written, and the run says so. Few payments,
  // locked so that the hold read here is the one the move clears.
  const held = await tx.$queryRaw<{ id: string; reference: string; holdReason: string }[]>`
    SELECT p.id, p.reference, p."holdReason"::text AS "holdReason"
    FROM "Payment" p JOIN (${liveLines}) l ON l.id = p.id
    WHERE p.status = 'NEW' AND p."holdReason" IS NOT NULL
    ORDER BY p.id FOR UPDATE OF p`;

  const { count } = await movePayments(tx, {
    transition: "send",
    mover: "SYSTEM",
    query: liveLines,
    actor,
    now,
    source: { runId, batchId },
    timelineActorId: null,
  });
  if (count !== totals.lines) {
    const changed = await tx.$queryRaw<{ reference: string; status: string }[]>`
      SELECT p.reference, p.status::text AS status FROM "Payment" p JOIN (${liveLines}) l ON l.id = p.id
      WHERE p.status <> 'SENT' ORDER BY p.reference LIMIT ${NAMED}`;
    const more = totals.lines - count - changed.length;
    const list =
      changed.map((p) => `${p.reference} (${p.status.toLowerCase()})`).join(", ") + (more > 0 ? ` and ${more} more` : "");
    throw new AppError(
      "INVALID_STATE",
      `Cannot mark batch ${batchId} sent: ${list} changed after the run wrote the files. ` +
        "The stored files still pay them: void the batch so its other payments go in a new run.",
    );
  }
  await tx.$executeRaw`UPDATE "Batch" SET status = ${batchStatus}::"BatchStatus" WHERE id = ${batchId}::uuid`;

  const heldAfterSelection: RunWarning[] = held.map((p) => ({
    kind: "HELD_AFTER_SELECTION",
    paymentId: p.id,
    reference: p.reference,
    reason: p.holdReason,
  }));
  return { count, totalPence: Number(totals.pence), heldAfterSelection };
}
