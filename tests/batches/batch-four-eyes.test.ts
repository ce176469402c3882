// Pulling money back out of a batch the bank may already hold takes two admins (security issue,
// finding 1): once any file of a bank batch was downloaded, one admin's void is only a request;
// a second admin approves it (carried out once, however many approve at once) or rejects it.
import { describe, expect, it } from "vitest";
import { decideBatchAction } from "@/lib/batches/batch-actions/decide-batch-action";
import { listPendingBatchActions } from "@/lib/batches/batch-actions/list-batch-action-requests";
import { openFileDownload } from "@/lib/batches/open-file-download";
import { voidBatch } from "@/lib/batches/void-batch";
import { batchActionCarriers } from "@/lib/payout/batch-action-carriers";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { hourlyClock, newBankPayments, run, useTempStore } from "../runs/run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();
const nextNow = hourlyClock();
const REASON = "AccessPay rejected the file: wrong header";

const staff = async (role: "ADMIN" | "SSCL_FINANCE" = "ADMIN") => {
  const user = await makeUser(db(), { role });
  return { id: user.id, email: user.email };
};

/** A stored batch of n payments whose AccessPay file SSCL finance has downloaded. */
async function downloadedBatch(n: number) {
  const payments = await newBankPayments(db(), n);
  const summary = await run(db(), store(), { now: nextNow() });
  expect(summary).toMatchObject({ status: "SUCCEEDED" });
  const batch = await db().batch.findFirstOrThrow({ where: { runId: summary.runId!, status: "STORED" } });
  const csv = await db().batchFile.findFirstOrThrow({ where: { batchId: batch.id, kind: "ACCESSPAY_CSV" } });
  const opened = await openFileDownload({
    db: db(),
    store: store(),
    fileId: csv.id,
    user: await staff("SSCL_FINANCE"),
    now: nextNow(),
  });
  await opened.stream.cancel();
  return { batch, ids: payments.map((p) => p.id) };
}

const decide = (requestId: string, actor: { id: string; email: string }, decision: "APPROVE" | "REJECT", note?: string) =>
  decideBatchAction({ db: db(), actor, requestId, decision, note, now: nextNow(), carryOut: batchActionCarriers });

async function paymentStatuses(ids: string[]) {
  return [...new Set((await db().payment.findMany({ where: { id: { in: ids } } })).map((p) => p.status))];
}

describe("voiding a downloaded bank batch", () => {
  it("by one admin only records a request: nothing moves, and they cannot approve it themselves", async () => {
    const { batch, ids } = await downloadedBatch(2);
    const asker = await staff();
    const asked = await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: asker, now: nextNow() });
    expect(asked).toMatchObject({ outcome: "REQUESTED", batchId: batch.id });
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "STORED" });
    expect(await paymentStatuses(ids)).toEqual(["SENT"]);
    expect(await db().fileLine.count({ where: { batchId: batch.id, isVoid: true } })).toBe(0);
    expect(
      await db().auditLog.count({ where: { entityId: batch.id, action: "batch-action.requested", actorId: asker.id } }),
    ).toBe(1);
    const [listed] = await listPendingBatchActions(db(), { batchIds: [batch.id] });
    expect(listed).toMatchObject({ kind: "VOID", status: "PENDING", reason: REASON, requestedById: asker.id });

    if (asked.outcome !== "REQUESTED") throw new Error("expected a request");
    await expect(decide(asked.requestId, asker, "APPROVE")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You asked for this: another administrator must approve or reject it.",
    });
    // A second request for the same batch is refused while one waits.
    await expect(
      voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: await staff(), now: nextNow() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "STORED" });
    expect(await paymentStatuses(ids)).toEqual(["SENT"]);
  });

  it("approved by two admins at once, is carried out once", async () => {
    const { batch, ids } = await downloadedBatch(3);
    const asker = await staff();
    const asked = await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: asker, now: nextNow() });
    if (asked.outcome !== "REQUESTED") throw new Error("expected a request");
    const [second, third] = [await staff(), await staff()];
    const results = await Promise.allSettled([
      decide(asked.requestId, second, "APPROVE"),
      decide(asked.requestId, third, "APPROVE"),
    ]);
    const done = results.filter((r) => r.status === "fulfilled");
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ value: { outcome: "APPROVED", kind: "VOID", carried: { payments: 3 } } });
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "INVALID_STATE", message: "This request has already been approved or rejected." },
    });

    const after = await db().batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(after.status).toBe("VOID");
    expect([second.id, third.id]).toContain(after.voidedById);
    expect(await paymentStatuses(ids)).toEqual(["NEW"]);
    expect(await db().auditLog.count({ where: { entityId: batch.id, action: "batch.voided" } })).toBe(1);
    const [voided] = await db().auditLog.findMany({ where: { entityId: batch.id, action: "batch.voided" } });
    expect(voided.after).toMatchObject({ requestId: asked.requestId, requestedById: asker.id, reason: REASON });
    for (const id of ids) expect(await db().auditLog.count({ where: { entityId: id, action: "payment.unsent" } })).toBe(1);
    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).toMatchObject({
      status: "APPROVED",
      decidedById: after.voidedById,
    });

    // The next run sends them again, in a new batch.
    expect(await run(db(), store(), { now: nextNow() })).toMatchObject({ status: "SUCCEEDED", payments: 3 });
  });

  it("rejected, leaves the batch as it is, and a new request may be made", async () => {
    const { batch, ids } = await downloadedBatch(1);
    const asker = await staff();
    const asked = await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: asker, now: nextNow() });
    if (asked.outcome !== "REQUESTED") throw new Error("expected a request");
    const checker = await staff();
    expect(await decide(asked.requestId, checker, "REJECT", "SSCL says the bank paid it")).toMatchObject({ outcome: "REJECTED" });
    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).toMatchObject({
      status: "REJECTED",
      decidedById: checker.id,
      decisionNote: "SSCL says the bank paid it",
    });
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "STORED" });
    expect(await paymentStatuses(ids)).toEqual(["SENT"]);
    await expect(decide(asked.requestId, await staff(), "APPROVE")).rejects.toMatchObject({ code: "INVALID_STATE" });

    expect(await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: asker, now: nextNow() })).toMatchObject({
      outcome: "REQUESTED",
    });
    // Settle it so the next case starts clean.
    const [again] = await listPendingBatchActions(db(), { batchIds: [batch.id] });
    await decide(again.id, checker, "APPROVE");
    expect(await run(db(), store(), { now: nextNow() })).toMatchObject({ status: "SUCCEEDED" });
  });

  it("a batch nobody downloaded is still voided by one admin at once, and its files can no longer be downloaded", async () => {
    const payments = await newBankPayments(db(), 1);
    const summary = await run(db(), store(), { now: nextNow() });
    const batch = await db().batch.findFirstOrThrow({ where: { runId: summary.runId!, status: "STORED" } });
    expect(await voidBatch({ db: db(), batchId: batch.id, reason: REASON, actor: await staff(), now: nextNow() })).toMatchObject({
      outcome: "VOIDED",
      payments: 1,
    });
    expect(await paymentStatuses([payments[0].id])).toEqual(["NEW"]);
    expect(await db().batchActionRequest.count({ where: { batchId: batch.id } })).toBe(0);
    const csv = await db().batchFile.findFirstOrThrow({ where: { batchId: batch.id, kind: "ACCESSPAY_CSV" } });
    await expect(
      openFileDownload({ db: db(), store: store(), fileId: csv.id, user: await staff("SSCL_FINANCE"), now: nextNow() }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await db().fileDownload.count({ where: { batchFileId: csv.id } })).toBe(0);
    expect(await run(db(), store(), { now: nextNow() })).toMatchObject({ status: "SUCCEEDED" });
  });
});
