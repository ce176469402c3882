// A Payout batch's reconciliation against a real database (docs/batch-reconciliation.md): cashed
// counts as paid, expired and cancelled as failed with the Post Office's status date, returned
// lines as no longer in the batch; the batch reads Delivered until no voucher is still SENT, then
// Settled; a returned batch is Void. The batch is written straight in (the run and the Post
// Office's uploads are tested in tests/payout); the figures are what is tested here.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BatchStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { loadBatchReconciliations } from "@/lib/batches/reconciliation/load-batch-reconciliations";
import { countStatements } from "../../support/count-statements";
import { forcePaymentUpdate } from "../../support/force-payment-update";
import { makeClaim } from "../../support/make-claim";
import { useTestDatabase } from "../../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
let sequence = 0;

type Voucher = { status: PaymentStatus; pence: number; statusDate?: string; lineVoid?: boolean };

async function payoutBatch(vouchers: Voucher[], status: BatchStatus = "DELIVERED") {
  const run = await db().run.create({
    data: { kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date("2030-01-02T01:00:00Z"), triggeredBy: "cron" },
  });
  const total = vouchers.reduce((t, v) => t + v.pence, 0);
  const batch = await db().batch.create({
    data: {
      runId: run.id,
      method: "CASH",
      status,
      paymentCount: vouchers.length,
      totalPence: total,
      businessDate: new Date("2030-01-02"),
      sequenceNo: ++sequence,
      deliveredAt: new Date("2030-01-02T01:05:00Z"),
      deliveryTarget: ".data/payout-outbox",
    },
  });
  await db().batchFile.create({
    data: {
      batchId: batch.id,
      kind: "PAYOUT_CSV",
      fileName: `disburse_payout_02012030_${String(sequence).padStart(3, "0")}.csv`,
      storageKey: `payout/${randomUUID()}`,
      contentType: "text/csv",
      sha256: "0".repeat(64),
      byteSize: 100,
      lineCount: vouchers.length,
      totalPence: total,
    },
  });
  const references: string[] = [];
  for (const [i, v] of vouchers.entries()) {
    const { claim, claimant } = await makeClaim(db(), key, { method: "CASH", bank: null, lines: [v.pence] });
    const payment = await db().payment.create({
      data: {
        personId: claimant.id,
        claimId: claim.id,
        reference: `${claim.reference}-01`,
        method: "CASH",
        amountPence: v.pence,
      },
    });
    await db().fileLine.create({
      data: {
        batchId: batch.id,
        lineNo: i + 1,
        paymentId: payment.id,
        amountPence: v.pence,
        fileReference: payment.reference,
        isVoid: v.lineVoid ?? false,
      },
    });
    await forcePaymentUpdate(db(), {
      where: { id: payment.id },
      data: { status: v.status, postOfficeStatusDate: v.statusDate ? new Date(v.statusDate) : null },
    });
    references.push(payment.reference);
  }
  return { batchId: batch.id, references };
}

describe("a Payout batch's reconciliation", () => {
  it("counts cashed as paid, expired and cancelled as failed with their dates, returned lines as no longer held", async () => {
    const { batchId, references } = await payoutBatch([
      { status: "CASHED", pence: 2500, statusDate: "2030-01-10" },
      { status: "EXPIRED", pence: 1000, statusDate: "2030-02-01" },
      { status: "CANCELLED", pence: 700, statusDate: "2030-01-20" },
      { status: "SENT", pence: 300 },
      { status: "NEW", pence: 99, lineVoid: true },
    ]);
    const view = (await loadBatchReconciliations(db(), [batchId])).get(batchId)!;
    expect(view.progress).toBe("DELIVERED");
    expect(view.figures).toEqual({
      sent: { count: 5, pence: 4599 },
      paid: { count: 1, pence: 2500 },
      failed: { count: 2, pence: 1700 },
      waiting: { count: 1, pence: 300 },
      removed: { count: 1, pence: 99 },
      lateFailures: 0,
    });
    expect(view.failures.map((f) => [f.lineNo, f.reference, f.amountPence, f.status, f.postOfficeStatusDate])).toEqual([
      [2, references[1], 1000, "EXPIRED", new Date("2030-02-01")],
      [3, references[2], 700, "CANCELLED", new Date("2030-01-20")],
    ]);
  });

  it("is Settled once no voucher is still sent, Void once returned, and reads many batches in three statements", async () => {
    const settled = await payoutBatch([
      { status: "CASHED", pence: 1000, statusDate: "2030-01-10" },
      { status: "EXPIRED", pence: 1000, statusDate: "2030-02-01" },
    ]);
    const returned = await payoutBatch(
      [
        { status: "NEW", pence: 1000, lineVoid: true },
        { status: "CASHED", pence: 1000, statusDate: "2030-01-10" },
      ],
      "VOID",
    );
    const stored = await payoutBatch([{ status: "SENT", pence: 1000 }], "STORED");
    const ids = [settled.batchId, returned.batchId, stored.batchId];
    const { result: views, statements } = await countStatements(() => loadBatchReconciliations(db(), ids));
    expect(ids.map((id) => views.get(id)!.progress)).toEqual(["SETTLED", "VOID", "NOT_DELIVERED"]);
    expect(views.get(returned.batchId)!.figures).toMatchObject({ removed: { count: 1, pence: 1000 }, paid: { count: 1 } });
    expect(statements).toBe(3);
  });
});
