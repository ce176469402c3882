import type { AuditActor } from "@/lib/audit/record-audit";
import { markBatchSent } from "@/lib/batches/mark-batch-sent";
import { addCalendarDays, londonDate } from "@/lib/dates/london-date";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { warningsJson, type RunWarning } from "@/lib/runs/run-warnings";

// A delivered Payout batch's payments become SENT, in the caller's transaction: the run's "sent"
// step after its own delivery, or an admin who confirms an uncertain delivery with the Post Office.
// Only after the rename are they SENT (docs/file-formats.md#payout-payment-file).

/**
 * NEW -> SENT for every payment on the batch's live lines, with the batch id (movePayments "send",
 * all or none), the batch DELIVERED with where and when, and each payment's voucher expiry: the
 * delivery's Europe/London date plus the voucher validity. Set-based: the same statements for any
 * number of payments. Payments held after the run selected them are sent as written, and the run
 * says so.
 */
export async function sendDeliveredPayoutBatch(
  tx: SqlTx,
  options: {
    batchId: string;
    runId: string;
    deliveredAt: Date;
    target: string;
    voucherValidityDays: number;
    now: Date;
    actor: AuditActor;
  },
): Promise<{ count: number; totalPence: number; voucherExpiresOn: string; heldAfterSelection: RunWarning[] }> {
  const { batchId, runId, deliveredAt, target, voucherValidityDays, now, actor } = options;
  const sent = await markBatchSent(tx, { batchId, batchStatus: "DELIVERED", now, actor, runId });
  const voucherExpiresOn = addCalendarDays(londonDate(deliveredAt), voucherValidityDays);
  await tx.$executeRaw`
    UPDATE "Batch"
    SET "deliveredAt" = (${deliveredAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'), "deliveryTarget" = ${target},
        "deliveryError" = NULL
    WHERE id = ${batchId}::uuid`;
  await tx.$executeRaw`
    UPDATE "Payment" p SET "voucherExpiresOn" = ${voucherExpiresOn}::date
    FROM "FileLine" l
    WHERE l."batchId" = ${batchId}::uuid AND NOT l."isVoid" AND p.id = l."paymentId"`;
  if (sent.heldAfterSelection.length > 0) {
    await tx.$executeRaw`
      UPDATE "Run" SET warnings = warnings || ${JSON.stringify(warningsJson(sent.heldAfterSelection))}::jsonb
      WHERE id = ${runId}::uuid`;
  }
  return { ...sent, voucherExpiresOn };
}
