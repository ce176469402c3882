// The read side of /payout and /payout/batches/<id>: batches newest first by keyset, what became of
// each batch's vouchers counted in SQL for the whole page at once, and one batch's file, delivery
// attempts and payments.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { listPayoutBatches, PAYOUT_BATCH_PAGE_SIZE } from "@/lib/payout/list-payout-batches";
import { BATCH_PAYMENTS_PAGE_SIZE, loadPayoutBatch } from "@/lib/payout/load-payout-batch";
import { countStatements } from "../support/count-statements";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);

type VoucherSpec = { status: PaymentStatus; code?: boolean; statusDate?: string; lineVoid?: boolean };

/**
 * A Payout batch as the run and the Post Office's files leave it, written straight in: the run and
 * the uploads are other modules', tested there. Each voucher is a cash claim's payment on a line.
 */
async function payoutBatch(options: {
  businessDate: string;
  sequenceNo: number;
  status?: "STORED" | "DELIVERED" | "DELIVERY_UNCERTAIN" | "VOID";
  vouchers?: VoucherSpec[];
}) {
  const vouchers = options.vouchers ?? [];
  const run = await db().run.create({
    data: { kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date(`${options.businessDate}T01:00:00Z`), triggeredBy: "cron" },
  });
  const batch = await db().batch.create({
    data: {
      runId: run.id,
      method: "CASH",
      status: options.status ?? "DELIVERED",
      paymentCount: vouchers.length,
      totalPence: vouchers.length * 1000,
      businessDate: new Date(options.businessDate),
      sequenceNo: options.sequenceNo,
      deliveredAt: options.status === "STORED" ? null : new Date(`${options.businessDate}T01:05:00Z`),
      deliveryTarget: options.status === "STORED" ? null : ".data/payout-outbox",
    },
  });
  const seq = String(options.sequenceNo).padStart(3, "0");
  const fileName = `disburse_payout_${options.businessDate.split("-").reverse().join("")}_${seq}.csv`;
  await db().batchFile.create({
    data: {
      batchId: batch.id,
      kind: "PAYOUT_CSV",
      fileName,
      storageKey: `payout/${randomUUID()}`,
      contentType: "text/csv",
      sha256: "0".repeat(64),
      byteSize: 100 * vouchers.length,
      lineCount: vouchers.length,
      totalPence: vouchers.length * 1000,
    },
  });
  const payments: string[] = [];
  for (const [i, v] of vouchers.entries()) {
    const { claim, claimant } = await makeClaim(db(), key, { method: "CASH", bank: null, lines: [1000] });
    await db().claim.update({ where: { id: claim.id }, data: { status: "APPROVED" } });
    const payment = await db().payment.create({
      data: { personId: claimant.id, claimId: claim.id, reference: `${claim.reference}-01`, method: "CASH", amountPence: 1000 },
    });
    await db().fileLine.create({
      data: {
        batchId: batch.id,
        lineNo: i + 1,
        paymentId: payment.id,
        amountPence: 1000,
        fileReference: payment.reference,
        isVoid: v.lineVoid ?? false,
      },
    });
    const sent = v.status !== "NEW";
    await forcePaymentUpdate(db(), {
      where: { id: payment.id },
      data: {
        status: v.status,
        sentAt: sent ? new Date(`${options.businessDate}T01:05:00Z`) : null,
        paymentCode: v.code ? randomBytes(8).toString("hex").slice(0, 13).toUpperCase() : null,
        voucherExpiresOn: sent ? new Date("2027-01-01") : null,
        postOfficeStatusDate: v.statusDate ? new Date(v.statusDate) : null,
      },
    });
    payments.push(payment.id);
  }
  return { batch, fileName, payments };
}

describe("the Payout batches list", () => {
  it("counts each batch's vouchers over its live lines: sent, coded, cashed, expired, cancelled, outstanding", async () => {
    const { batch, fileName } = await payoutBatch({
      businessDate: "2030-01-02",
      sequenceNo: 1,
      vouchers: [
        { status: "SENT" },
        { status: "SENT", code: true },
        { status: "SENT", code: true },
        { status: "CASHED", code: true, statusDate: "2030-01-05" },
        { status: "EXPIRED", code: true, statusDate: "2030-02-03" },
        { status: "CANCELLED", code: true, statusDate: "2030-01-09" },
        // Returned to waiting: its line is void, so the batch no longer counts it.
        { status: "NEW", lineVoid: true },
      ],
    });
    const { batches } = await listPayoutBatches(db());
    const item = batches.find((b) => b.id === batch.id)!;
    expect(item).toMatchObject({
      businessDate: "2030-01-02",
      sequenceNo: 1,
      fileName,
      status: "DELIVERED",
      paymentCount: 7,
      totalPence: 7000,
      deliveryTarget: ".data/payout-outbox",
      counts: { sent: 6, coded: 5, cashed: 1, expired: 1, cancelled: 1, outstanding: 3, unsettled: 1 },
    });
  });

  it("lists newest first (day, then sequence) a page at a time, and counts a page in one statement", async () => {
    const made = [];
    for (let day = 10; day < 10 + PAYOUT_BATCH_PAGE_SIZE / 2 + 1; day++) {
      for (const sequenceNo of [1, 2]) {
        made.push(
          await payoutBatch({
            businessDate: `2031-03-${day}`,
            sequenceNo,
            status: sequenceNo === 2 ? "DELIVERY_UNCERTAIN" : "DELIVERED",
            vouchers: [{ status: "SENT" }],
          }),
        );
      }
    }
    const { result: first, statements } = await countStatements(() => listPayoutBatches(db()));
    // The page and the counts of all its batches: two statements however many batches and lines.
    expect(statements).toBe(2);
    expect(first.batches).toHaveLength(PAYOUT_BATCH_PAGE_SIZE);
    expect(first.batches.slice(0, 3).map((b) => [b.businessDate, b.sequenceNo])).toEqual([
      ["2031-03-20", 2],
      ["2031-03-20", 1],
      ["2031-03-19", 2],
    ]);
    expect(first.batches[0]).toMatchObject({ status: "DELIVERY_UNCERTAIN", counts: { sent: 1, outstanding: 1 } });
    expect(first.newer).toBeUndefined();
    expect(first.older).toEqual({ businessDate: "2031-03-11", sequenceNo: 1 });

    const second = await listPayoutBatches(db(), { before: first.older });
    expect(second.batches[0]).toMatchObject({ businessDate: "2031-03-10", sequenceNo: 2 });
    expect(second.newer).toEqual({ businessDate: "2031-03-10", sequenceNo: 2 });
    const back = await listPayoutBatches(db(), { after: second.newer });
    expect(back.batches.map((b) => b.id)).toEqual(first.batches.map((b) => b.id));
  });
});

describe("one Payout batch", () => {
  it("has its file, every delivery attempt in order, the counts and its payments by line", async () => {
    const { batch, fileName, payments } = await payoutBatch({
      businessDate: "2029-05-06",
      sequenceNo: 3,
      vouchers: [{ status: "SENT", code: true }, { status: "CASHED", code: true, statusDate: "2029-05-20" }, { status: "SENT" }],
    });
    for (const [attemptNo, outcome] of [
      [2, "DELIVERED"],
      [1, "FAILED"],
    ] as const) {
      await db().batchDelivery.create({
        data: {
          batchId: batch.id,
          attemptNo,
          startedAt: new Date(`2029-05-06T01:0${attemptNo}:00Z`),
          finishedAt: new Date(`2029-05-06T01:0${attemptNo}:30Z`),
          outcome,
          target: "sftp://payout.example:22/in",
          fileName,
          byteSize: 300,
          triggeredBy: "cron",
          error: outcome === "FAILED" ? "The SFTP server 127.0.0.1:2222 could not be reached" : null,
        },
      });
    }
    const page = await loadPayoutBatch(db(), batch.id);
    expect(page).toMatchObject({
      id: batch.id,
      businessDate: "2029-05-06",
      sequenceNo: 3,
      file: { fileName, lineCount: 3, totalPence: 3000 },
      counts: { sent: 3, coded: 2, cashed: 1, outstanding: 2, expired: 0, cancelled: 0, unsettled: 1 },
    });
    expect(page!.deliveries.map((d) => [d.attemptNo, d.outcome, d.error])).toEqual([
      [1, "FAILED", "The SFTP server 127.0.0.1:2222 could not be reached"],
      [2, "DELIVERED", null],
    ]);
    expect(page!.payments.rows.map((r) => [r.lineNo, r.paymentId, r.status])).toEqual([
      [1, payments[0], "SENT"],
      [2, payments[1], "CASHED"],
      [3, payments[2], "SENT"],
    ]);
    expect(page!.payments.rows[1].postOfficeStatusDate).toEqual(new Date("2029-05-20"));
  });

  it("pages its payments by line number, and is not found for a bank batch or an unknown id", async () => {
    const { batch } = await payoutBatch({
      businessDate: "2029-06-01",
      sequenceNo: 1,
      vouchers: Array.from({ length: BATCH_PAYMENTS_PAGE_SIZE + 2 }, () => ({ status: "SENT" as const })),
    });
    const first = await loadPayoutBatch(db(), batch.id);
    expect(first!.payments.rows).toHaveLength(BATCH_PAYMENTS_PAGE_SIZE);
    expect(first!.payments.next).toBe(BATCH_PAYMENTS_PAGE_SIZE);
    const second = await loadPayoutBatch(db(), batch.id, { after: first!.payments.next });
    expect(second!.payments.rows.map((r) => r.lineNo)).toEqual([BATCH_PAYMENTS_PAGE_SIZE + 1, BATCH_PAYMENTS_PAGE_SIZE + 2]);
    expect(second!.payments.previous).toBe(BATCH_PAYMENTS_PAGE_SIZE + 1);
    const back = await loadPayoutBatch(db(), batch.id, { before: second!.payments.previous });
    expect(back!.payments.rows.map((r) => r.lineNo)).toEqual(first!.payments.rows.map((r) => r.lineNo));

    expect(await loadPayoutBatch(db(), randomUUID())).toBeNull();
    const run = await db().run.create({ data: { kind: "DIRECT_PAYMENTS", startedAt: new Date(), triggeredBy: "cron" } });
    const bank = await db().batch.create({ data: { runId: run.id, method: "BANK", paymentCount: 0, totalPence: 0 } });
    expect(await loadPayoutBatch(db(), bank.id)).toBeNull();
  });
});
