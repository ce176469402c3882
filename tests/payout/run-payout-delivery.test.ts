// Delivery failures and what support does about them: a server that cannot be reached leaves the
// payments NEW, the error on the batch and the run FAILED, and the next run (or an admin's "Retry
// delivery") sends the same bytes; an outcome that cannot be known is settled by an admin; an admin
// can return a batch's unsettled payments to NEW. All audited.
import { describe, expect, it } from "vitest";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { AUTO_RESUME_MAX_ATTEMPTS } from "@/lib/runs/acquire-run";
import { retryPayoutDelivery } from "@/lib/payout/retry-payout-delivery";
import { decideBatchAction } from "@/lib/batches/batch-actions/decide-batch-action";
import { batchActionCarriers } from "@/lib/payout/batch-action-carriers";
import { returnPayoutBatch } from "@/lib/payout/return-payout-batch";
import { settleUncertainDelivery } from "@/lib/payout/settle-uncertain-delivery";
import type { LocalFolderDeliverer } from "@/lib/payout/transfer/local-folder-deliverer";
import {
  DeliveryError,
  type DeliveryResult,
  type PayoutDeliverer,
  type PayoutFileToDeliver,
} from "@/lib/payout/transfer/payout-deliverer";
import { sha256Hex } from "@/lib/storage/file-store";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import {
  dayByDay,
  expectOutboxIsTheStore,
  expectSentOnce,
  key,
  LEASE_MS,
  newCashPayments,
  outboxFiles,
  payout,
  SETTINGS,
  UnreachableDeliverer,
  usePayoutPlaces,
} from "./run-payout-test-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

const nextDay = dayByDay();
const admin = () => makeUser(db(), { role: "ADMIN" });

/** Renames the file, then loses the connection before it hears back: the deliverer cannot tell. */
class LosesConnectionAfterRename implements PayoutDeliverer {
  readonly local = true;
  readonly target: string;
  constructor(private readonly inner: LocalFolderDeliverer) {
    this.target = inner.target;
  }
  find(fileName: string) {
    return this.inner.find(fileName);
  }
  async deliver(file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult> {
    await this.inner.deliver(file, beforeRename);
    throw new DeliveryError("the connection was reset during the rename", true);
  }
}

async function failedDelivery(options: { payments?: number } = {}) {
  const payments = (await newCashPayments(db(), options.payments ?? 2)).map((p) => p.id);
  const now = nextDay();
  const unreachable = new UnreachableDeliverer();
  const summary = await payout(db(), { store: places.store, deliverer: unreachable }, { now, alertAddresses: ["support@test"] });
  const batch = await db().batch.findFirstOrThrow({ where: { runId: summary.runId! }, include: { files: true } });
  return { payments, now, summary, batch, unreachable };
}

describe("a delivery that fails", () => {
  it("leaves the payments NEW, shows the error on the batch, fails the run and raises an alert; the next run sends the same bytes", async () => {
    const { payments, now, summary, batch } = await failedDelivery();
    const fileName = batch.files[0].fileName;
    expect(summary).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining(
        `Delivery of ${fileName} to sftp://payout.test:22/in failed: SFTP server payout.test:22 refused`,
      ),
    });
    expect(batch).toMatchObject({ status: "STORED", deliveryError: expect.stringContaining("ECONNREFUSED"), deliveredAt: null });
    expect(await db().batchDelivery.findMany({ where: { batchId: batch.id } })).toMatchObject([
      { attemptNo: 1, outcome: "FAILED", target: "sftp://payout.test:22/in", error: expect.stringContaining("refused") },
    ]);
    expect(await db().payment.count({ where: { id: { in: payments }, status: "NEW" } })).toBe(2);
    expect(outboxFiles(places.outbox).has(fileName)).toBe(false);
    const alert = await db().alert.findUniqueOrThrow({ where: { eventKey: `run-failed:${summary.runId}` } });
    expect(alert).toMatchObject({ kind: "run-failed", runId: summary.runId });
    expect(await db().notification.count({ where: { dedupeKey: `run-failed:${summary.runId}:support@test` } })).toBe(1);

    // A caseworker cannot cancel a payment whose file waits for delivery.
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    await expect(
      cancelPayment({ db: db(), paymentId: payments[0], reason: "Duplicate claim", actor: caseworker, now }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });

    const next = await payout(db(), places, { now: new Date(now.getTime() + 60_000), triggeredBy: "cron" });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: summary.runId, resumed: true, payments: 2 });
    const [file] = await expectOutboxIsTheStore(db(), places.store, places.outbox, summary.runId!);
    expect(file.sha256).toBe(batch.files[0].sha256);
    expect(sha256Hex(outboxFiles(places.outbox).get(fileName)!)).toBe(batch.files[0].sha256);
    await expectSentOnce(db(), payments);
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "DELIVERED",
      deliveryError: null,
    });
    const outcomes = (await db().batchDelivery.findMany({ where: { batchId: batch.id }, orderBy: { attemptNo: "asc" } })).map(
      (d) => [d.outcome, d.triggeredBy],
    );
    expect(outcomes).toEqual([
      ["FAILED", "test"],
      ["DELIVERED", "cron"],
    ]);
  });

  it(`after ${AUTO_RESUME_MAX_ATTEMPTS} attempts waits for an admin's "Retry delivery", which sends the same file`, async () => {
    const { payments, now, summary, batch, unreachable } = await failedDelivery();
    for (let attempt = 2; attempt <= AUTO_RESUME_MAX_ATTEMPTS; attempt++) {
      const again = await payout(
        db(),
        { store: places.store, deliverer: unreachable },
        { now: new Date(now.getTime() + attempt * 60_000), alertAddresses: ["support@test"] },
      );
      expect(again).toMatchObject({ status: "FAILED", runId: summary.runId, attempts: attempt });
    }
    expect(await db().alert.findUniqueOrThrow({ where: { eventKey: `delivery-failed:${batch.id}` } })).toMatchObject({
      kind: "delivery-failed",
      batchId: batch.id,
    });
    expect(await db().alert.count({ where: { runId: summary.runId } })).toBe(2);

    // The schedule now leaves it alone (and its payments: they are in its file).
    const scheduled = await payout(db(), places, { now: new Date(now.getTime() + 3_600_000) });
    expect(scheduled).toMatchObject({ status: "EMPTY" });
    expect(scheduled.runId).not.toBe(summary.runId);

    const person = await admin();
    const retried = await retryPayoutDelivery({
      db: db(),
      store: places.store,
      deliverer: places.deliverer,
      key,
      settings: SETTINGS,
      alertAddresses: [],
      leaseMs: LEASE_MS,
      now: new Date(now.getTime() + 7_200_000),
      batchId: batch.id,
      actor: person,
    });
    expect(retried).toMatchObject({
      batchStatus: "DELIVERED",
      deliveryError: null,
      summary: { status: "SUCCEEDED", runId: summary.runId },
    });
    expect(sha256Hex(outboxFiles(places.outbox).get(batch.files[0].fileName)!)).toBe(batch.files[0].sha256);
    await expectSentOnce(db(), payments);
    expect(
      await db().auditLog.count({ where: { entityId: batch.id, action: "batch.delivery-retried", actorId: person.id } }),
    ).toBe(1);
    const last = await db().batchDelivery.findFirstOrThrow({ where: { batchId: batch.id }, orderBy: { attemptNo: "desc" } });
    expect(last).toMatchObject({ attemptNo: AUTO_RESUME_MAX_ATTEMPTS + 1, outcome: "DELIVERED", triggeredBy: person.email });

    // A delivered batch has nothing to retry.
    await expect(
      retryPayoutDelivery({
        db: db(),
        store: places.store,
        deliverer: places.deliverer,
        key,
        settings: SETTINGS,
        alertAddresses: [],
        now: new Date(now.getTime() + 7_300_000),
        batchId: batch.id,
        actor: person,
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("has been delivered") });
  });
});

describe("a delivery whose outcome the deliverer cannot tell", () => {
  it("is looked for by the next run: there with the same size, it is ALREADY_DELIVERED", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const now = nextDay();
    const first = await payout(
      db(),
      { store: places.store, deliverer: new LosesConnectionAfterRename(places.deliverer) },
      { now },
    );
    expect(first).toMatchObject({ status: "FAILED", error: expect.stringContaining("after the rename may have happened") });
    expect(await db().payment.count({ where: { id: { in: payments }, status: "NEW" } })).toBe(2);

    const next = await payout(db(), places, { now: new Date(now.getTime() + 60_000) });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: first.runId });
    const batch = await db().batch.findFirstOrThrow({
      where: { runId: first.runId! },
      include: { deliveries: { orderBy: { attemptNo: "asc" } } },
    });
    expect(batch.deliveries.map((d) => d.outcome)).toEqual(["UNCERTAIN", "ALREADY_DELIVERED"]);
    await expectSentOnce(db(), payments);
    await expectOutboxIsTheStore(db(), places.store, places.outbox, first.runId!);
  });

  it("not there: DELIVERY_UNCERTAIN; returned to NEW by an admin, its payments go in the day's next file", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const now = nextDay();
    const first = await payout(
      db(),
      { store: places.store, deliverer: new UnreachableDeliverer("sftp://payout.test:22/in", "reset", true) },
      { now },
    );
    expect(first).toMatchObject({ status: "FAILED" });
    const next = await payout(db(), places, { now: new Date(now.getTime() + 60_000) });
    expect(next).toMatchObject({ status: "FAILED", runId: first.runId, error: expect.stringContaining("is uncertain") });
    const batch = await db().batch.findFirstOrThrow({ where: { runId: first.runId! }, include: { files: true } });
    expect(batch.status).toBe("DELIVERY_UNCERTAIN");

    const person = await admin();
    const settle = (reason: string) =>
      settleUncertainDelivery({
        db: db(),
        batchId: batch.id,
        decision: "RETURN_TO_NEW",
        reason,
        actor: person,
        now: new Date(now.getTime() + 120_000),
        voucherValidityDays: 30,
      });
    await expect(settle("no")).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await settle("The Post Office never received the file")).toEqual({ batchId: batch.id, status: "VOID", payments: 2 });
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "VOID",
      voidReason: "The Post Office never received the file",
      voidedById: person.id,
    });
    expect(await db().fileLine.count({ where: { batchId: batch.id, isVoid: false } })).toBe(0);
    expect(await db().auditLog.count({ where: { entityId: batch.id, action: "batch.returned" } })).toBe(1);
    await expect(settle("The Post Office never received the file")).rejects.toMatchObject({ code: "INVALID_STATE" });

    const fresh = await payout(db(), places, { now: new Date(now.getTime() + 180_000) });
    expect(fresh).toMatchObject({ status: "SUCCEEDED", payments: 2 });
    expect(fresh.runId).not.toBe(first.runId);
    expect(fresh.files.map((f) => f.fileName)).toEqual([batch.files[0].fileName.replace("_001.csv", "_002.csv")]);
    await expectSentOnce(db(), payments);
  });
});

describe("returning a delivered batch to NEW", () => {
  it("puts its payments without a code back to NEW, keeps the coded voucher, voids the batch, and the next run resends them", async () => {
    const payments = (await newCashPayments(db(), 3)).map((p) => p.id);
    const now = nextDay();
    const sent = await payout(db(), places, { now });
    expect(sent).toMatchObject({ status: "SUCCEEDED", payments: 3 });
    const batch = await db().batch.findFirstOrThrow({ where: { runId: sent.runId! } });
    // The Post Office gave a code for the first line only, then rejected the others.
    await db().payment.update({ where: { id: payments[0] }, data: { paymentCode: "ABCDEFGHJK123", codeIssuedAt: now } });

    const person = await admin();
    const back = (reason: string, batchId = batch.id) =>
      returnPayoutBatch({ db: db(), batchId, reason, actor: person, now: new Date(now.getTime() + 60_000) });
    await expect(back("")).rejects.toMatchObject({ code: "VALIDATION" });
    // Delivered, so one admin only asks; a second admin approves (lib/batches/batch-actions).
    const asked = await back("The Post Office rejected lines 2 and 3");
    if (asked.outcome !== "REQUESTED") throw new Error("returning a delivered batch needs a second admin");
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "DELIVERED" });
    const decide = (actor: { id: string; email: string }) =>
      decideBatchAction({ db: db(), actor, requestId: asked.requestId, decision: "APPROVE", now, carryOut: batchActionCarriers });
    await expect(decide(person)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approver = await admin();
    expect(await decide(approver)).toMatchObject({ outcome: "APPROVED", carried: { payments: 2, kept: 1 } });

    const after = await db().payment.findMany({ where: { id: { in: payments } } });
    const byId = new Map(after.map((p) => [p.id, p]));
    expect(byId.get(payments[0])).toMatchObject({ status: "SENT", paymentCode: "ABCDEFGHJK123" });
    expect(byId.get(payments[0])!.voucherExpiresOn).not.toBeNull();
    for (const id of payments.slice(1))
      expect(byId.get(id)).toMatchObject({ status: "NEW", voucherExpiresOn: null, sentAt: null });
    expect(await db().fileLine.count({ where: { batchId: batch.id, isVoid: false } })).toBe(1);
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "VOID" });
    expect(await db().auditLog.count({ where: { entityType: "Payment", action: "payment.unsent", actorId: approver.id } })).toBe(
      2,
    );
    await expect(back("again, please")).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("already"),
    });

    const again = await payout(db(), places, { now: new Date(now.getTime() + 120_000) });
    expect(again).toMatchObject({ status: "SUCCEEDED", payments: 2, files: [{ fileName: expect.stringContaining("_002.csv") }] });
    for (const id of payments) {
      expect(await db().fileLine.count({ where: { paymentId: id, isVoid: false } })).toBe(1);
      expect((await db().payment.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
    }
  });
});
