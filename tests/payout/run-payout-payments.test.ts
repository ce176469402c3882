// The Payout run end to end against PostgreSQL, the write-once store and the local outbox folder:
// the delivered file's exact bytes, the holds that never block the rest, one file per batch of at
// most the configured size with the day's sequence numbers, and exactly one run at a time.
import { describe, expect, it } from "vitest";
import type { RunSummary } from "@/lib/runs/run-summary";
import { useTestDatabase } from "../support/test-db";
import {
  approvedCashPayment,
  DAY_MS,
  expectOutboxIsTheStore,
  expectSentOnce,
  goldenBytes,
  goldenPayments,
  newCashPayments,
  NOW,
  outboxFiles,
  payout,
  SETTINGS,
  usePayoutPlaces,
} from "./run-payout-test-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

describe("a Payout run", () => {
  it("delivers the golden bytes of a 3-payment file and marks the payments SENT with the batch", async () => {
    // The first three payments of the formatter's golden file, as claimants and claims.
    const payments = (await goldenPayments(db())).map((p) => p.payment);
    const [, siobhan, zoe] = payments;

    const summary = await payout(db(), places);
    expect(summary).toMatchObject({ status: "SUCCEEDED", kind: "PAYOUT", payments: 3, totalPence: 135850, held: [] });

    const fileName = "disburse_payout_22112026_001.csv";
    const expected = goldenBytes(payments.map((p) => p.reference));
    const delivered = outboxFiles(places.outbox);
    expect([...delivered.keys()]).toEqual([fileName]);
    expect(delivered.get(fileName)!.toString("ascii")).toBe(expected);
    const [file] = await expectOutboxIsTheStore(db(), places.store, places.outbox, summary.runId!);
    expect(file).toMatchObject({ fileName, lineCount: 3, totalPence: 135850n, byteSize: Buffer.byteLength(expected) });
    expect(summary.files).toMatchObject([{ kind: "PAYOUT_CSV", fileName, lineCount: 3, sha256: file.sha256 }]);

    const batch = await db().batch.findFirstOrThrow({ where: { runId: summary.runId! }, include: { deliveries: true } });
    expect(batch).toMatchObject({
      method: "CASH",
      status: "DELIVERED",
      sequenceNo: 1,
      businessDate: new Date("2026-11-22"),
      deliveryTarget: places.outbox,
      deliveryError: null,
      paymentCount: 3,
      totalPence: 135850n,
    });
    expect(batch.deliveredAt).not.toBeNull();
    expect(batch.deliveries).toMatchObject([
      { attemptNo: 1, outcome: "DELIVERED", fileName, byteSize: file.byteSize, triggeredBy: "test" },
    ]);

    await expectSentOnce(
      db(),
      payments.map((p) => p.id),
    );
    for (const p of payments) {
      const sent = await db().payment.findUniqueOrThrow({ where: { id: p.id } });
      // Delivered on 22 November (London) + 30 days.
      expect(sent.voucherExpiresOn).toEqual(new Date("2026-12-22"));
      const history = await db().paymentStatusHistory.findFirstOrThrow({ where: { paymentId: p.id, toStatus: "SENT" } });
      expect(history).toMatchObject({ batchId: batch.id, runId: summary.runId });
    }

    // Every cleaned value is a warning that shows the change.
    const cleaned = summary.warnings.filter((w) => w.kind === "VALUE_CLEANED");
    expect(cleaned).toContainEqual(
      expect.objectContaining({
        reference: siobhan.reference,
        field: "lastName",
        changes: ["O'Shea -> OShea", "removed characters: '"],
      }),
    );
    expect(cleaned.map((w) => `${w.reference} ${w.field}`)).toEqual([
      `${siobhan.reference} firstName`,
      `${siobhan.reference} lastName`,
      `${siobhan.reference} addressLine1`,
      `${zoe.reference} firstName`,
      `${zoe.reference} lastName`,
      `${zoe.reference} addressLine1`,
      `${zoe.reference} postcode`,
    ]);
  });

  it("ends EMPTY with nothing to pay, making no batch or file", async () => {
    const summary = await payout(db(), places, { now: new Date(NOW.getTime() + DAY_MS) });
    expect(summary).toMatchObject({ status: "EMPTY", payments: 0, files: [] });
    expect(await db().batch.count({ where: { runId: summary.runId! } })).toBe(0);
  });

  it("holds and flags a payment whose name, address line or postcode is empty or invalid after cleaning, and pays the rest", async () => {
    const good = await newCashPayments(db(), 2);
    const noName = await approvedCashPayment(db(), { person: { firstName: "Иван", lastName: "Петров" } });
    const noAddress = await approvedCashPayment(db(), { person: { addressLine1: "***" } });
    const badPostcode = await approvedCashPayment(db(), { person: { postcode: "12345" } });
    const now = new Date(NOW.getTime() + 2 * DAY_MS);

    const summary = await payout(db(), places, { now });
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 2 });
    expect(summary.held.map((h) => [h.reference, h.reason])).toEqual([
      [noName.payment.reference, "NAME_EMPTY_AFTER_CLEANING"],
      [noAddress.payment.reference, "ADDRESS_EMPTY_AFTER_CLEANING"],
      [badPostcode.payment.reference, "INVALID_POSTCODE"],
    ]);
    expect(summary.held[0].detail).toContain("first name is empty after cleaning");
    await expectSentOnce(
      db(),
      good.map((p) => p.id),
    );
    for (const { payment, claim } of [noName, noAddress, badPostcode]) {
      const held = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
      expect(held.status).toBe("NEW");
      expect(held.holdReason).not.toBeNull();
      expect(await db().fileLine.count({ where: { paymentId: payment.id } })).toBe(0);
      expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).needsAttention).toBe(true);
    }
    const run = await db().run.findUniqueOrThrow({ where: { id: summary.runId! } });
    expect(run).toMatchObject({ heldCount: 3, paymentCount: 2 });
    const [file] = await expectOutboxIsTheStore(db(), places.store, places.outbox, summary.runId!);
    expect(file.lineCount).toBe(2);

    // A held payment is not selected again while it is held.
    expect(await payout(db(), places, { now: new Date(now.getTime() + 60_000) })).toMatchObject({ status: "EMPTY" });
  });

  it("makes one batch per file of at most PAYOUT_MAX_PER_FILE, numbered 001 on; a later run that day goes on at 004", async () => {
    const settings = { ...SETTINGS, maxPerFile: 2 };
    const day = new Date(NOW.getTime() + 3 * DAY_MS); // 2026-11-25, London
    const first = await newCashPayments(db(), 5);
    const summary = await payout(db(), places, { now: day, settings });
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 5 });

    const batches = await db().batch.findMany({
      where: { runId: summary.runId! },
      orderBy: { sequenceNo: "asc" },
      include: { lines: { orderBy: { lineNo: "asc" } }, files: true },
    });
    expect(batches.map((b) => [b.sequenceNo, b.status, b.paymentCount, b.files[0].fileName])).toEqual([
      [1, "DELIVERED", 2, "disburse_payout_25112026_001.csv"],
      [2, "DELIVERED", 2, "disburse_payout_25112026_002.csv"],
      [3, "DELIVERED", 1, "disburse_payout_25112026_003.csv"],
    ]);
    // Oldest first, numbered from 1 in each file.
    expect(batches.flatMap((b) => b.lines.map((l) => [l.lineNo, l.paymentId]))).toEqual(first.map((p, i) => [(i % 2) + 1, p.id]));
    await expectOutboxIsTheStore(db(), places.store, places.outbox, summary.runId!);
    await expectSentOnce(
      db(),
      first.map((p) => p.id),
    );

    const more = await newCashPayments(db(), 1);
    const later = await payout(db(), places, { now: new Date(day.getTime() + 3_600_000), settings });
    expect(later).toMatchObject({ status: "SUCCEEDED", payments: 1 });
    expect(later.files.map((f) => f.fileName)).toEqual(["disburse_payout_25112026_004.csv"]);
    await expectSentOnce(db(), [more[0].id]);
    expect(outboxFiles(places.outbox).has("disburse_payout_25112026_004.csv")).toBe(true);
  });

  it("lets one of two runs started at the same moment run; the other is told a run is in progress", async () => {
    const payments = await newCashPayments(db(), 3);
    const now = new Date(NOW.getTime() + 4 * DAY_MS);
    // The winner waits at its first step until the loser has answered, so the race is real.
    let loser: Promise<RunSummary> | undefined;
    const faults = { after: async (step: string) => (step === "acquired" ? void (await loser) : undefined) };
    const winner = payout(db(), places, { now, faults });
    loser = payout(db(), places, { now });
    const results = await Promise.all([winner, loser]);
    expect(results.map((r) => r.status).sort()).toEqual(["BUSY", "SUCCEEDED"]);
    const busy = results.find((r) => r.status === "BUSY")!;
    const done = results.find((r) => r.status === "SUCCEEDED")!;
    expect(busy.runId).toBe(done.runId);
    await expectSentOnce(
      db(),
      payments.map((p) => p.id),
    );
    expect(await db().run.count({ where: { kind: "PAYOUT", startedAt: now } })).toBe(1);
  });
});
