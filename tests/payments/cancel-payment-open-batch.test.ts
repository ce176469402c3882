// A payment a run has written into its (OPEN) batch cannot be cancelled: the files would still pay
// it. Before the run selects it, or after its batch is voided, it can.
import { describe, expect, it } from "vitest";
import { voidBatch } from "@/lib/batches/void-batch";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { crashAfter, expectSentOnce, hourlyClock, LEASE_MS, newBankPayments, run, useTempStore } from "../runs/run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

const nextNow = hourlyClock();

/** A worker that stalls after `at` until released: a run in progress. */
function stallAfter(at: string) {
  let signal!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { reached, release, faults: { after: async (step: string) => (step === at ? (signal(), await released) : undefined) } };
}

async function caseworker() {
  const user = await makeUser(db(), { role: "CASEWORKER" });
  return { id: user.id, email: user.email };
}

async function cancel(paymentId: string, now: Date) {
  return cancelPayment({ db: db(), paymentId, reason: "Duplicate claim", actor: await caseworker(), now });
}

async function refusedWhileOpen(paymentId: string, reference: string, now: Date) {
  const audits = await db().auditLog.count();
  const events = await db().claimEvent.count();
  const error = await cancel(paymentId, now).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({
    code: "INVALID_STATE",
    message: `Payment ${reference} is being written into a payment file by a run in progress; try again when the run has finished`,
  });
  expect(await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
    status: "NEW",
    cancelReason: null,
    cancelledAt: null,
  });
  expect(await db().auditLog.count()).toBe(audits);
  expect(await db().claimEvent.count()).toBe(events);
}

describe("cancelling a payment while a run has it in an OPEN batch", () => {
  it("is refused after the run failed past 'selected', and the retry sends it", async () => {
    const [payment, other] = await newBankPayments(db(), 2);
    const now = nextNow();
    const failed = await run(db(), store(), { now, faults: crashAfter("selected") });
    expect(failed).toMatchObject({ status: "FAILED" });
    expect(await db().batch.findFirstOrThrow({ where: { runId: failed.runId! } })).toMatchObject({ status: "OPEN" });

    await refusedWhileOpen(payment.id, payment.reference, now);

    const retried = await run(db(), store(), { now: nextNow(), retryRunId: failed.runId!, triggeredBy: "admin@test" });
    expect(retried).toMatchObject({ status: "SUCCEEDED", payments: 2 });
    await expectSentOnce(db(), [payment.id, other.id]);
  });

  it("is refused while the run is in progress, and allowed once its batch is voided", async () => {
    const [payment] = await newBankPayments(db(), 1);
    const now = nextNow();
    const stalled = stallAfter("selected");
    const inProgress = run(db(), store(), { now, faults: stalled.faults, leaseMs: LEASE_MS });
    await stalled.reached;
    expect(await db().run.findFirstOrThrow({ where: { startedAt: now } })).toMatchObject({ status: "RUNNING" });

    await refusedWhileOpen(payment.id, payment.reference, now);

    stalled.release();
    expect(await inProgress).toMatchObject({ status: "SUCCEEDED" });
    const batch = await db().batch.findFirstOrThrow({ where: { lines: { some: { paymentId: payment.id } } } });
    const admin = await makeUser(db(), { role: "ADMIN" });
    await voidBatch({
      db: db(),
      batchId: batch.id,
      reason: "AccessPay rejected the file",
      actor: { id: admin.id, email: admin.email },
      now: nextNow(),
    });

    await cancel(payment.id, nextNow());
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("CANCELLED");
  });

  it("still cancels a NEW payment no run has taken", async () => {
    const [payment] = await newBankPayments(db(), 1);
    await cancel(payment.id, nextNow());
    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Duplicate claim",
    });
    expect(await db().auditLog.count({ where: { entityId: payment.id, action: "payment.cancelled" } })).toBe(1);
  });
});
