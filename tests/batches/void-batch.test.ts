// An admin voids a stored batch whose file AccessPay rejected: its payments go back to NEW and the
// next run sends them in a new batch; the void files stay in the store and stop counting.
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideBatchAction } from "@/lib/batches/batch-actions/decide-batch-action";
import { loadBatchForVoid, voidBatch } from "@/lib/batches/void-batch";
import { batchActionCarriers } from "@/lib/payout/batch-action-carriers";
import { sha256Hex } from "@/lib/storage/file-store";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { crashAfter, expectSentOnce, hourlyClock, newBankPayments, NOW, run, useTempStore } from "../runs/run-test-support";
import { forcePaymentUpdate } from "../support/force-payment-update";

const { db } = useTestDatabase();
const store = useTempStore();
const DAY = 24 * 3_600_000;
const REASON = "AccessPay rejected the file: wrong header";

const nextNow = hourlyClock();

let adminPromise: Promise<{ id: string; email: string }> | undefined;
function admin() {
  adminPromise ??= makeUser(db(), { role: "ADMIN" }).then((u) => ({ id: u.id, email: u.email }));
  return adminPromise;
}

/** n new payments sent by a run; returns the payments and the run's batch. */
async function sentBatch(n: number, now = nextNow()) {
  const payments = await newBankPayments(db(), n);
  const summary = await run(db(), store(), { now });
  expect(summary).toMatchObject({ status: "SUCCEEDED" });
  const batch = await db().batch.findFirstOrThrow({ where: { runId: summary.runId!, status: { not: "VOID" } } });
  expect(batch.status).toBe("STORED");
  return { payments, ids: payments.map((p) => p.id), batch, runId: summary.runId! };
}

/** Everything a void could change, to show a refusal changed nothing. */
async function snapshot(client: PrismaClient, batchId: string) {
  return {
    batch: await client.batch.findUniqueOrThrow({ where: { id: batchId } }),
    files: await client.batchFile.findMany({ where: { batchId }, orderBy: { kind: "asc" } }),
    lines: await client.fileLine.findMany({ where: { batchId }, orderBy: { lineNo: "asc" } }),
    payments: await client.payment.findMany({ where: { fileLines: { some: { batchId } } }, orderBy: { id: "asc" } }),
    audits: await client.auditLog.count(),
    events: await client.claimEvent.count(),
  };
}

async function expectRefused(promise: Promise<unknown>, code: string, message?: string | RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error)).toBe(true);
  expect(error).toMatchObject({ code });
  if (message) expect((error as Error).message).toMatch(message);
  return error as Error & { fieldErrors?: Record<string, string[]> };
}

describe("voiding a stored batch", () => {
  it("puts its payments back to NEW, voids batch, files and lines, and the next run sends them in a new batch", async () => {
    const { ids, payments, batch } = await sentBatch(3);
    const files = await db().batchFile.findMany({ where: { batchId: batch.id }, orderBy: { kind: "asc" } });
    const actor = await admin();
    const voidedAt = nextNow();

    const result = await voidBatch({ db: db(), batchId: batch.id, reason: `  ${REASON}  `, actor, now: voidedAt });
    expect(result).toMatchObject({ outcome: "VOIDED", batchId: batch.id, payments: 3 });
    expect(result.outcome === "VOIDED" && [...result.paymentIds].sort()).toEqual([...ids].sort());

    const after = await db().batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(after).toMatchObject({ status: "VOID", voidReason: REASON, voidedAt, voidedById: actor.id });
    for (const f of await db().batchFile.findMany({ where: { batchId: batch.id } })) {
      expect(f.isVoid).toBe(true);
      // Untouched in the store: the record of what was sent.
      expect(sha256Hex(await store().get(f.storageKey))).toBe(f.sha256);
    }
    expect(await db().fileLine.count({ where: { batchId: batch.id, isVoid: false } })).toBe(0);
    expect(await db().fileLine.count({ where: { batchId: batch.id, isVoid: true } })).toBe(3);
    for (const p of payments) {
      expect(await db().payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
        status: "NEW",
        sentAt: null,
        holdReason: null,
      });
      const events = await db().claimEvent.findMany({ where: { claimId: p.claimId!, kind: "payment.unsent" } });
      expect(events.map((e) => e.summary)).toEqual([`Payment ${p.reference} back to waiting: batch voided (${REASON})`]);
      const audit = await db().auditLog.findMany({ where: { entityId: p.id, action: "payment.unsent" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: actor.id,
        before: { status: "SENT", batchId: batch.id },
        after: { status: "NEW" },
      });
    }
    const batchAudit = await db().auditLog.findMany({ where: { entityId: batch.id, action: "batch.voided" } });
    expect(batchAudit).toHaveLength(1);
    expect(batchAudit[0]).toMatchObject({
      actorId: actor.id,
      before: { status: "STORED" },
      after: { status: "VOID", reason: REASON, payments: 3, lines: 3, files: files.map((f) => f.fileName) },
    });

    const view = await loadBatchForVoid(db(), batch.id);
    expect(view).toMatchObject({ status: "VOID", voidReason: REASON, cannotVoidBecause: "This batch is already void." });

    // The next run selects them again, into a new batch with new files.
    const next = await run(db(), store(), { now: nextNow() });
    expect(next).toMatchObject({ status: "SUCCEEDED", payments: 3 });
    const newBatch = await db().batch.findFirstOrThrow({ where: { runId: next.runId!, status: "STORED" } });
    expect(newBatch.id).not.toBe(batch.id);
    const newFiles = await db().batchFile.findMany({ where: { batchId: newBatch.id } });
    expect(newFiles).toHaveLength(2);
    for (const f of newFiles) expect(files.map((old) => old.storageKey)).not.toContain(f.storageKey);
    for (const id of ids) {
      expect(await db().fileLine.count({ where: { paymentId: id, isVoid: false } })).toBe(1);
      expect(await db().fileLine.count({ where: { paymentId: id, isVoid: false, batchId: newBatch.id } })).toBe(1);
      expect(await db().fileLine.count({ where: { paymentId: id } })).toBe(2);
      expect((await db().payment.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
    }
  });

  it("is ignored by the PAID sweep: downloads of the void file do not make the re-sent payment PAID", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const start = nextNow();
    const { ids, batch } = await sentBatch(1, start);
    const voidCsv = await db().batchFile.findFirstOrThrow({ where: { batchId: batch.id, kind: "ACCESSPAY_CSV" } });
    await db().fileDownload.create({
      data: { batchFileId: voidCsv.id, userId: finance.id, downloadedAt: new Date(start.getTime() + 60_000) },
    });
    // Downloaded, so the void is a request that a second admin approves (tests/batches/batch-four-eyes.test.ts).
    const asked = await voidBatch({
      db: db(),
      batchId: batch.id,
      reason: REASON,
      actor: await admin(),
      now: new Date(start.getTime() + 120_000),
    });
    if (asked.outcome !== "REQUESTED") throw new Error("a downloaded batch's void needs a second admin");
    const second = await makeUser(db(), { role: "ADMIN" });
    await decideBatchAction({
      db: db(),
      actor: { id: second.id, email: second.email },
      requestId: asked.requestId,
      decision: "APPROVE",
      now: new Date(start.getTime() + 180_000),
      carryOut: batchActionCarriers,
    });
    const resent = await run(db(), store(), { now: new Date(start.getTime() + 30 * 60_000) });
    expect(resent).toMatchObject({ status: "SUCCEEDED" });

    // Ten days after the void file's download: still SENT, its new file was never downloaded.
    expect(await run(db(), store(), { now: new Date(start.getTime() + 10 * DAY) })).toMatchObject({ status: "EMPTY" });
    expect((await db().payment.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("SENT");

    // The new file's download starts the count.
    const newCsv = await db().batchFile.findFirstOrThrow({ where: { batch: { runId: resent.runId! }, kind: "ACCESSPAY_CSV" } });
    const downloadedAt = new Date(start.getTime() + 10 * DAY + 3_600_000);
    await db().fileDownload.create({ data: { batchFileId: newCsv.id, userId: finance.id, downloadedAt } });
    expect(await run(db(), store(), { now: new Date(start.getTime() + 20 * DAY) })).toMatchObject({ status: "EMPTY" });
    expect((await db().payment.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("PAID");
    const paid = await db().auditLog.findFirstOrThrow({ where: { entityId: ids[0], action: "payment.paid" } });
    expect(paid.after).toMatchObject({ firstDownloadedAt: downloadedAt.toISOString() });
  });
});

describe("refusals change nothing", () => {
  it("refuses a missing, short or over-long reason, and an unknown batch", async () => {
    const { batch } = await sentBatch(1);
    const before = await snapshot(db(), batch.id);
    const actor = await admin();
    for (const reason of ["", "    ", "abc ", "x".repeat(501)]) {
      const error = await expectRefused(voidBatch({ db: db(), batchId: batch.id, reason, actor, now: nextNow() }), "VALIDATION");
      expect(error.fieldErrors?.reason?.length).toBe(1);
    }
    await expectRefused(
      voidBatch({ db: db(), batchId: "00000000-0000-4000-8000-000000000000", reason: REASON, actor, now: nextNow() }),
      "NOT_FOUND",
    );
    expect(await snapshot(db(), batch.id)).toEqual(before);
  });

  it("refuses an OPEN batch: its run has not finished", async () => {
    const payments = await newBankPayments(db(), 1);
    const now = nextNow();
    const failed = await run(db(), store(), { now, faults: crashAfter("selected") });
    expect(failed).toMatchObject({ status: "FAILED" });
    const batch = await db().batch.findFirstOrThrow({ where: { runId: failed.runId! } });
    expect(batch.status).toBe("OPEN");
    const before = await snapshot(db(), batch.id);
    await expectRefused(
      voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: await admin(), now: nextNow() }),
      "INVALID_STATE",
      /Retry the run/,
    );
    expect(await snapshot(db(), batch.id)).toEqual(before);
    expect((await loadBatchForVoid(db(), batch.id))?.cannotVoidBecause).toMatch(/Retry the run/);

    // Finish that run so the later cases start clean.
    const retried = await run(db(), store(), { now: nextNow(), retryRunId: failed.runId!, triggeredBy: "admin@test" });
    expect(retried).toMatchObject({ status: "SUCCEEDED", runId: failed.runId });
    await expectSentOnce(db(), [payments[0].id]);
  });

  it("refuses a batch that is already void", async () => {
    const { batch } = await sentBatch(1);
    const actor = await admin();
    await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor, now: nextNow() });
    const before = await snapshot(db(), batch.id);
    await expectRefused(
      voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor, now: nextNow() }),
      "INVALID_STATE",
      /already void/,
    );
    expect(await snapshot(db(), batch.id)).toEqual(before);
    // Send them again so they do not join the next case's batch.
    expect(await run(db(), store(), { now: nextNow() })).toMatchObject({ status: "SUCCEEDED" });
  });

  it.each([
    ["FAILED", { status: "FAILED", failedAt: NOW, failureReason: "Account closed" }],
    ["PAID", { status: "PAID", paidAt: NOW }],
  ] as const)("refuses a batch with a %s payment, naming it", async (status, data) => {
    const { payments, batch } = await sentBatch(3);
    await forcePaymentUpdate(db(), { where: { id: payments[1].id }, data });
    const before = await snapshot(db(), batch.id);
    const error = await expectRefused(
      voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: await admin(), now: nextNow() }),
      "INVALID_STATE",
    );
    expect(error.message).toContain(`${payments[1].reference} (${status.toLowerCase()})`);
    expect(error.message).not.toContain(payments[0].reference);
    expect(await snapshot(db(), batch.id)).toEqual(before);
    expect((await loadBatchForVoid(db(), batch.id))?.cannotVoidBecause).toContain(payments[1].reference);
  });
});

describe("two admins voiding at once", () => {
  it("lets one succeed; the other is told the batch is already void", async () => {
    const { ids, batch } = await sentBatch(2);
    const actor = await admin();
    const now = nextNow();
    const results = await Promise.allSettled([
      voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor, now }),
      voidBatch({ db: db(), batchId: batch.id, reason: "Second admin, same rejection", actor, now }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: "INVALID_STATE" });
    expect(rejected[0].reason.message).toMatch(/already void/);
    expect(await db().auditLog.count({ where: { entityId: batch.id, action: "batch.voided" } })).toBe(1);
    for (const id of ids) {
      expect(await db().auditLog.count({ where: { entityId: id, action: "payment.unsent" } })).toBe(1);
      expect((await db().payment.findUniqueOrThrow({ where: { id } })).status).toBe("NEW");
    }
  });
});
