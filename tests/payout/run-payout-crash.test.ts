// A crash at any step of the Payout run, then a retry: no voucher sent twice or lost, the same
// file bytes, one copy in the outbox. Including a crash between the rename and the commit (the
// retry finds the file and marks it ALREADY_DELIVERED), and a retry after the server took the file
// away (DELIVERY_UNCERTAIN: nothing resent).
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAYOUT_STEPS } from "@/lib/payout/run-payout-payments";
import { settleUncertainDelivery } from "@/lib/payout/settle-uncertain-delivery";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import {
  approvedCashPayment,
  crashAfter,
  DAY_MS,
  dayByDay,
  dieAfter,
  DiesAfterRename,
  expectOutboxIsTheStore,
  expectSentOnce,
  LEASE_MS,
  newCashPayments,
  outboxFiles,
  payout,
  SETTINGS,
  usePayoutPlaces,
} from "./run-payout-test-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

/** Each test its own London day, so each starts at sequence 001. */
const nextDay = dayByDay();

async function paymentsForOneRun() {
  const good = await newCashPayments(db(), 2);
  const held = await approvedCashPayment(db(), { person: { postcode: "nowhere" } });
  return { good: good.map((p) => p.id), held: held.payment.id };
}

const theRun = (now: Date) => db().run.findFirstOrThrow({ where: { kind: "PAYOUT", startedAt: now } });

/** The payments are NEW (none sent) unless the run has SUCCEEDED, when all are SENT. */
async function expectAllOrNothing(runId: string, paymentIds: readonly string[]) {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
  const statuses = (await db().payment.findMany({ where: { id: { in: [...paymentIds] } } })).map((p) => p.status);
  if (run.status === "SUCCEEDED") expect(statuses).toEqual(paymentIds.map(() => "SENT"));
  else expect(statuses).toEqual(paymentIds.map(() => "NEW"));
  return run;
}

async function expectFinished(runId: string, good: string[], held: string, attempts: number) {
  expect(await db().run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
    status: "SUCCEEDED",
    attempts,
    paymentCount: 2,
    heldCount: 1,
    error: null,
  });
  await expectSentOnce(db(), good);
  expect(await db().payment.findUniqueOrThrow({ where: { id: held } })).toMatchObject({
    status: "NEW",
    holdReason: "INVALID_POSTCODE",
  });
  expect(await db().auditLog.count({ where: { entityId: held, action: "payment.held" } })).toBe(1);
  const files = await expectOutboxIsTheStore(db(), places.store, places.outbox, runId);
  expect(files).toHaveLength(1);
  return files[0];
}

describe("a Payout run that throws after a step, retried by an admin", () => {
  it.each(PAYOUT_STEPS)("after %s", async (step) => {
    const { good, held } = await paymentsForOneRun();
    const now = nextDay();
    const first = await payout(db(), places, { now, faults: crashAfter(step) });
    const run = await theRun(now);
    await expectAllOrNothing(run.id, good);
    const storedBefore = await db().batchFile.findFirst({ where: { batch: { runId: run.id } } });

    if (step === "sent") {
      // The step had committed and finished the run: the error is only logged.
      expect(first).toMatchObject({ status: "SUCCEEDED", runId: run.id });
      await expectFinished(run.id, good, held, 1);
      return;
    }
    expect(first).toMatchObject({ status: "FAILED", runId: run.id, error: `injected crash after ${step}` });
    const retried = await payout(db(), places, {
      now: new Date(now.getTime() + 60_000),
      retryRunId: run.id,
      triggeredBy: "admin@test",
    });
    expect(retried).toMatchObject({ status: "SUCCEEDED", runId: run.id, resumed: true, attempts: 2, payments: 2 });
    const file = await expectFinished(run.id, good, held, 2);
    // Named from the run's day; the same bytes as any stored before the crash.
    expect(file.fileName).toBe(`disburse_payout_${londonDdmmyyyy(now)}_001.csv`);
    if (storedBefore) expect(file.sha256).toBe(storedBefore.sha256);
    // One delivery: a crash after it (at "delivered") is not followed by a second one.
    const deliveries = await db().batchDelivery.findMany({ where: { batchId: file.batchId } });
    expect(deliveries.map((d) => d.outcome)).toEqual(["DELIVERED"]);
  });
});

describe("a Payout run whose worker dies after a step, finished by the next scheduled run", () => {
  it.each(PAYOUT_STEPS)("after %s", async (step) => {
    const { good, held } = await paymentsForOneRun();
    const now = nextDay();
    const dead = dieAfter(step);
    void payout(db(), places, { now, faults: dead.faults });
    await dead.reached;
    const run = await theRun(now);
    await expectAllOrNothing(run.id, good);

    const tooSoon = await payout(db(), places, { now: new Date(now.getTime() + LEASE_MS - 1000) });
    if (step === "sent") {
      expect(run.status).toBe("SUCCEEDED");
      expect(tooSoon).toMatchObject({ status: "EMPTY" });
      await expectFinished(run.id, good, held, 1);
      return;
    }
    expect(tooSoon).toMatchObject({ status: "BUSY", runId: run.id });
    const next = await payout(db(), places, { now: new Date(now.getTime() + LEASE_MS + 1000) });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: run.id, resumed: true, attempts: 2 });
    await expectFinished(run.id, good, held, 2);
  });
});

describe("a crash between the rename and the commit", () => {
  it("is followed by a retry that finds the final file, marks it ALREADY_DELIVERED and sends no second copy", async () => {
    const { good, held } = await paymentsForOneRun();
    const now = nextDay();
    const dying = new DiesAfterRename(places.deliverer);
    void payout(db(), { store: places.store, deliverer: dying }, { now });
    await dying.renamed;
    const run = await theRun(now);
    const batch = await db().batch.findFirstOrThrow({ where: { runId: run.id }, include: { deliveries: true } });
    expect(batch.status).toBe("STORED");
    expect(batch.deliveries.map((d) => d.outcome)).toEqual(["RENAMING"]);
    await expectAllOrNothing(run.id, good);

    const next = await payout(db(), places, { now: new Date(now.getTime() + LEASE_MS + 1000) });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: run.id, attempts: 2 });
    await expectFinished(run.id, good, held, 2);
    const deliveries = await db().batchDelivery.findMany({ where: { batchId: batch.id }, orderBy: { attemptNo: "asc" } });
    expect(deliveries.map((d) => d.outcome)).toEqual(["RENAMING", "ALREADY_DELIVERED"]);
    expect(outboxFiles(places.outbox).size).toBe(await db().batchFile.count({ where: { kind: "PAYOUT_CSV" } }));
  });

  it("after which the server took the file away: delivery uncertain, nothing resent, settled by an admin", async () => {
    const { good } = await paymentsForOneRun();
    const now = nextDay();
    const dying = new DiesAfterRename(places.deliverer);
    void payout(db(), { store: places.store, deliverer: dying }, { now });
    await dying.renamed;
    const run = await theRun(now);
    const batch = await db().batch.findFirstOrThrow({ where: { runId: run.id }, include: { files: true } });
    const fileName = batch.files[0].fileName;
    // The Post Office's server took the file (as it does once it has read it).
    rmSync(path.join(places.outbox, fileName));

    const next = await payout(db(), places, { now: new Date(now.getTime() + LEASE_MS + 1000) });
    expect(next).toMatchObject({
      status: "FAILED",
      runId: run.id,
      error: expect.stringContaining(`Delivery of ${fileName} is uncertain`),
    });
    expect(outboxFiles(places.outbox).has(fileName)).toBe(false);
    const uncertain = await db().batch.findUniqueOrThrow({
      where: { id: batch.id },
      include: { deliveries: { orderBy: { attemptNo: "asc" } } },
    });
    expect(uncertain.status).toBe("DELIVERY_UNCERTAIN");
    expect(uncertain.deliveryError).toContain("Nothing will be resent automatically");
    expect(uncertain.deliveries.map((d) => d.outcome)).toEqual(["RENAMING", "UNCERTAIN"]);
    await expectAllOrNothing(run.id, good);

    // Later runs neither resend it nor pick its payments up again.
    const later = await payout(db(), places, { now: new Date(now.getTime() + 2 * LEASE_MS) });
    expect(later).toMatchObject({ status: "EMPTY" });
    expect(outboxFiles(places.outbox).has(fileName)).toBe(false);
    expect(await db().batchDelivery.count({ where: { batchId: batch.id } })).toBe(2);

    // The Post Office confirms it had the file: the payments are SENT, dated by the rename attempt.
    const admin = await makeUser(db(), { role: "ADMIN" });
    const settled = await settleUncertainDelivery({
      db: db(),
      batchId: batch.id,
      decision: "CONFIRM_DELIVERED",
      reason: "The Post Office confirmed they processed the file",
      actor: admin,
      now: new Date(now.getTime() + DAY_MS / 2),
      voucherValidityDays: SETTINGS.voucherValidityDays,
    });
    expect(settled).toEqual({ batchId: batch.id, status: "DELIVERED", payments: 2 });
    await expectSentOnce(db(), good);
    const rename = uncertain.deliveries[0];
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "DELIVERED",
      deliveredAt: rename.startedAt,
      deliveryError: null,
    });
    expect(await db().auditLog.count({ where: { entityId: batch.id, action: "batch.delivery-confirmed" } })).toBe(1);

    // The admin's retry then closes the run, sending nothing again.
    const closed = await payout(db(), places, { now: new Date(now.getTime() + DAY_MS / 2), retryRunId: run.id });
    expect(closed).toMatchObject({ status: "SUCCEEDED", runId: run.id, payments: 2 });
    expect(outboxFiles(places.outbox).has(fileName)).toBe(false);
  });
});

describe("a run of several files", () => {
  it("that crashes after its first file was sent finishes the others on retry, each once", async () => {
    const settings = { ...SETTINGS, maxPerFile: 2 };
    const payments = (await newCashPayments(db(), 5)).map((p) => p.id);
    const now = nextDay();
    const first = await payout(db(), places, { now, settings, faults: crashAfter("sent") });
    expect(first).toMatchObject({ status: "FAILED", error: "injected crash after sent" });
    const run = await theRun(now);
    const sentFirst = await db().payment.count({ where: { id: { in: payments }, status: "SENT" } });
    expect(sentFirst).toBe(2);

    // The next scheduled run finishes the failed run before anything new.
    const next = await payout(db(), places, { now: new Date(now.getTime() + 60_000), settings });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: run.id, payments: 5, attempts: 2 });
    await expectSentOnce(db(), payments);
    const files = await expectOutboxIsTheStore(db(), places.store, places.outbox, run.id);
    expect(files.map((f) => f.fileName)).toEqual([1, 2, 3].map((n) => `disburse_payout_${londonDdmmyyyy(now)}_00${n}.csv`));
  });
});

function londonDdmmyyyy(at: Date): string {
  const [year, month, date] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(at).split("-");
  return `${date}${month}${year}`;
}
