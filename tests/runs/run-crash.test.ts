// A crash at any step leaves the run RUNNING or FAILED with nothing SENT, or SUCCEEDED with
// everything; a retry (the admin's, or the next scheduled run) finishes it with the same run id,
// file names and stored bytes, and sends each payment exactly once.
import { describe, expect, it } from "vitest";
import { accessPayFileName } from "@/lib/direct-payments/accesspay/format-accesspay";
import { adiJournalFileName } from "@/lib/direct-payments/adi-journal/fill-adi-journal";
import { DIRECT_PAYMENTS_STEPS } from "@/lib/direct-payments/run-direct-payments";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import {
  approvedBankPayment,
  expectAllOrNothing,
  crashAfter,
  expectRecordedFilesMatchStore,
  expectSentOnce,
  hourlyClock,
  LEASE_MS,
  newBankPayments,
  run,
  storedFiles,
  useTempStore,
} from "./run-test-support";
import { forcePaymentUpdate } from "../support/force-payment-update";

const { db } = useTestDatabase();
const store = useTempStore();

const nextNow = hourlyClock();

/** A worker that stops dead after `at`: its promise never settles, like a killed process. */
function dieAfter(at: string) {
  let signal!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  return { reached, faults: { after: (step: string) => (step === at ? (signal(), new Promise<void>(() => {})) : undefined) } };
}

/** A worker that stalls after `at` until released (longer than its lease). */
function stallAfter(at: string) {
  let signal!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { reached, release, faults: { after: async (step: string) => (step === at ? (signal(), await released) : undefined) } };
}

async function paymentsForOneRun() {
  const good = await newBankPayments(db(), 2);
  const bad = await approvedBankPayment(db(), { laterBank: { ...VALID_BANK, accountNumber: "55779912" } });
  return { good: good.map((p) => p.id), held: bad.payment.id };
}

async function theRun(now: Date) {
  return db().run.findFirstOrThrow({ where: { startedAt: now } });
}

/** After the retry: the same run finished, every file the crash left in the store unchanged. */
async function expectFinishedLikeFirstTime(options: {
  runId: string;
  startedAt: Date;
  before: Map<string, string>;
  good: string[];
  held: string;
}) {
  const { runId, startedAt, before, good, held } = options;
  const finished = await db().run.findUniqueOrThrow({ where: { id: runId } });
  expect(finished).toMatchObject({
    status: "SUCCEEDED",
    startedAt,
    attempts: 2,
    paymentCount: 2,
    heldCount: 1,
    leaseUntil: null,
    error: null,
  });
  const files = await expectRecordedFilesMatchStore(db(), store(), runId);
  // Named from the run's frozen start time, not from when the retry ran.
  expect(files.map((f) => f.fileName)).toEqual([accessPayFileName(startedAt), adiJournalFileName(startedAt, "xlsx")]);
  const after = await storedFiles(store(), { id: runId, startedAt });
  expect([...after.keys()].sort()).toEqual(files.map((f) => f.storageKey).sort());
  for (const [storageKey, sha256] of before) expect(after.get(storageKey)).toBe(sha256);
  await expectSentOnce(db(), good);
  const heldPayment = await db().payment.findUniqueOrThrow({ where: { id: held } });
  expect(heldPayment).toMatchObject({ status: "NEW", holdReason: "BAD_BANK_DETAILS" });
  expect(await db().auditLog.count({ where: { entityId: held, action: "payment.held" } })).toBe(1);
  expect(await db().fileLine.count({ where: { paymentId: held } })).toBe(0);
  expect(await db().batch.count({ where: { runId } })).toBe(1);
}

describe("a run that throws after a step, retried by an admin", () => {
  it.each(DIRECT_PAYMENTS_STEPS)("after %s", async (step) => {
    const { good, held } = await paymentsForOneRun();
    const now = nextNow();
    const first = await run(db(), store(), { now, faults: crashAfter(step) });
    const runRow = await theRun(now);
    await expectAllOrNothing(db(), runRow.id, good);
    const before = await storedFiles(store(), runRow);

    if (step === "sent") {
      // The step had committed: the run is done, the error only logged.
      expect(first).toMatchObject({ status: "SUCCEEDED", runId: runRow.id });
      expect(runRow.attempts).toBe(1);
      await expectSentOnce(db(), good);
      return;
    }
    expect(first).toMatchObject({ status: "FAILED", runId: runRow.id, error: `injected crash after ${step}` });
    expect(runRow).toMatchObject({ status: "FAILED", leaseUntil: null });

    const retried = await run(db(), store(), {
      now: new Date(now.getTime() + 60_000),
      retryRunId: runRow.id,
      triggeredBy: "admin@test",
    });
    expect(retried).toMatchObject({ status: "SUCCEEDED", runId: runRow.id, resumed: true, attempts: 2, payments: 2 });
    expect(retried.held.map((h) => h.paymentId)).toEqual([held]);
    await expectFinishedLikeFirstTime({ runId: runRow.id, startedAt: now, before, good, held });
  });
});

describe("a run whose worker dies after a step, finished by the next scheduled run", () => {
  it.each(DIRECT_PAYMENTS_STEPS)("after %s", async (step) => {
    const { good, held } = await paymentsForOneRun();
    const now = nextNow();
    const dead = dieAfter(step);
    void run(db(), store(), { now, faults: dead.faults });
    await dead.reached;
    const runRow = await theRun(now);
    await expectAllOrNothing(db(), runRow.id, good);
    const before = await storedFiles(store(), runRow);

    // Within the lease the run is presumed alive.
    const tooSoon = await run(db(), store(), { now: new Date(now.getTime() + LEASE_MS - 1000) });
    if (step === "sent") {
      expect(runRow.status).toBe("SUCCEEDED");
      expect(tooSoon).toMatchObject({ status: "EMPTY" });
      await expectSentOnce(db(), good);
      return;
    }
    expect(tooSoon).toMatchObject({ status: "BUSY", runId: runRow.id });
    expect(runRow.status).toBe("RUNNING");

    const next = await run(db(), store(), { now: new Date(now.getTime() + LEASE_MS + 1000) });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: runRow.id, resumed: true, attempts: 2 });
    await expectFinishedLikeFirstTime({ runId: runRow.id, startedAt: now, before, good, held });
  });
});

describe("recovery", () => {
  it("lets the next scheduled run finish a FAILED run whose payments are in its batch", async () => {
    const { good, held } = await paymentsForOneRun();
    const now = nextNow();
    expect(await run(db(), store(), { now, faults: crashAfter("accesspay-stored") })).toMatchObject({ status: "FAILED" });
    const runRow = await theRun(now);
    const before = await storedFiles(store(), runRow);
    expect(before.size).toBe(1);

    const next = await run(db(), store(), { now: new Date(now.getTime() + 5 * 60_000), triggeredBy: "cron" });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: runRow.id, resumed: true });
    await expectFinishedLikeFirstTime({ runId: runRow.id, startedAt: now, before, good, held });
    expect(await db().auditLog.count({ where: { entityId: runRow.id, action: "run.retried" } })).toBe(1);
  });

  it.each(["selected", "journal-stored"])(
    "stops a stalled worker that lost its lease after %s from writing anything",
    async (step) => {
      const { good, held } = await paymentsForOneRun();
      const now = nextNow();
      const stalled = stallAfter(step);
      const stale = run(db(), store(), { now, faults: stalled.faults });
      await stalled.reached;
      const runRow = await theRun(now);
      const before = await storedFiles(store(), runRow);

      const next = await run(db(), store(), { now: new Date(now.getTime() + LEASE_MS + 1000) });
      expect(next).toMatchObject({ status: "SUCCEEDED", runId: runRow.id, attempts: 2 });
      const afterTakeover = await storedFiles(store(), runRow);

      stalled.release();
      expect(await stale).toMatchObject({
        status: "BUSY",
        runId: runRow.id,
        error: expect.stringContaining("no longer held by attempt 1"),
      });
      await expectFinishedLikeFirstTime({ runId: runRow.id, startedAt: now, before, good, held });
      expect(await storedFiles(store(), runRow)).toEqual(afterTakeover);
      expect((await db().run.findUniqueOrThrow({ where: { id: runRow.id } })).status).toBe("SUCCEEDED");
    },
  );

  it("refuses to cancel a payment in a written batch, and fails loudly, sending nothing, if one changed anyway", async () => {
    const { good } = await paymentsForOneRun();
    const now = nextNow();
    await run(db(), store(), { now, faults: crashAfter("journal-stored") });
    const runRow = await theRun(now);
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const cancel = cancelPayment({
      db: db(),
      paymentId: good[0],
      reason: "Duplicate claim",
      actor: { id: caseworker.id, email: caseworker.email },
      now,
    });
    await expect(cancel).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("run in progress") });
    expect((await db().payment.findUniqueOrThrow({ where: { id: good[0] } })).status).toBe("NEW");

    // A change that bypasses the services (a hand-made database fix) is still caught at "sent".
    await forcePaymentUpdate(db(), { where: { id: good[0] }, data: { status: "CANCELLED", cancelReason: "by hand" } });
    const cancelled = await db().payment.findUniqueOrThrow({ where: { id: good[0] } });

    const retried = await run(db(), store(), {
      now: new Date(now.getTime() + 60_000),
      retryRunId: runRow.id,
      triggeredBy: "admin@test",
    });
    expect(retried).toMatchObject({
      status: "FAILED",
      runId: runRow.id,
      error: expect.stringContaining(`${cancelled.reference} (cancelled)`),
    });
    expect((await db().payment.findUniqueOrThrow({ where: { id: good[1] } })).status).toBe("NEW");
    expect(await db().batchFile.count({ where: { batch: { runId: runRow.id } } })).toBe(0);
    // Its payments stay out of new runs (they are in its files) until the batch is voided.
    const separate = await newBankPayments(db(), 1);
    await db().batch.updateMany({ where: { runId: runRow.id }, data: { status: "VOID" } });
    await db().fileLine.updateMany({ where: { batch: { runId: runRow.id } }, data: { isVoid: true } });
    const fresh = await run(db(), store(), { now: new Date(now.getTime() + 120_000) });
    expect(fresh).toMatchObject({ status: "SUCCEEDED", payments: 2 });
    await expectSentOnce(db(), [good[1], separate[0].id]);
  });
});
