// SSCL's failed-payments upload against a real database: payments sent by the direct-payments run,
// a file built from the AccessPay lines the run stored, and what applying it (or not) leaves behind.
import { describe, expect, it } from "vitest";
import { loadUploadErrorReport } from "@/lib/uploads/load-upload-error-report";
import { applyPaymentFailures } from "@/lib/direct-payments/failed-payments/apply-payment-failures";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { approvedBankPayment, key, NOW, run, useTempStore } from "../runs/run-test-support";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { forcePaymentUpdate } from "../support/force-payment-update";

const { db } = useTestDatabase();
const store = useTempStore();

let clock = NOW.getTime();
const tick = () => new Date((clock += 60_000));
let pence = 1000;

let finance: Promise<{ id: string; email: string }> | undefined;
const ssclUser = () => (finance ??= makeUser(db(), { role: "SSCL_FINANCE" }).then((u) => ({ id: u.id, email: u.email })));

/** Approved claims whose bank payments a direct-payments run has just sent. */
async function sentPayments(n: number) {
  const made = [];
  for (let i = 0; i < n; i++) made.push(await approvedBankPayment(db(), { pence: (pence += 11) }));
  expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED", payments: n });
  for (const m of made) expect((await payment(m.payment.id)).status).toBe("SENT");
  return made;
}

/** The payment's line exactly as the stored AccessPay file has it. */
async function storedLine(paymentId: string): Promise<string> {
  const line = await db().fileLine.findFirstOrThrow({
    where: { paymentId, isVoid: false },
    include: { batch: { include: { files: true } } },
  });
  const file = line.batch.files.find((f) => f.kind === "ACCESSPAY_CSV")!;
  return (await store().get(file.storageKey)).toString("ascii").split("\n")[line.lineNo - 1];
}

async function upload(fileName: string, text: string) {
  return importFailedPayments({
    db: db(),
    store: store(),
    key,
    fileName,
    bytes: Buffer.from(text, "utf8"),
    actor: await ssclUser(),
    now: tick(),
  });
}

const payment = (id: string) => db().payment.findUniqueOrThrow({ where: { id } });
const claimOf = (id: string) => db().claim.findUniqueOrThrow({ where: { id } });

/** Everything an applied failure writes, for "nothing changed" checks. */
async function footprint(claimId: string, paymentId: string) {
  return {
    payment: await payment(paymentId),
    claim: await claimOf(claimId),
    messages: await db().notification.count({ where: { claimId, template: "PAYMENT_FAILED" } }),
    audits: await db().auditLog.count({ where: { entityId: { in: [claimId, paymentId] } } }),
    events: await db().claimEvent.count({ where: { claimId } }),
  };
}

describe("importing SSCL's failed payments", () => {
  it("fails a sent payment and sends its claim back for new bank details; the same file again is a no-op", async () => {
    const [sent, other] = await sentPayments(2);
    const text = `${await storedLine(sent.payment.id)},Account closed\n`;
    const versionBefore = (await claimOf(sent.claim.id)).version;

    const outcome = await upload("failed_20261123.csv", text);
    expect(outcome).toEqual({
      status: "APPLIED",
      uploadId: expect.any(String),
      counts: { rows: 1, matched: 1, unchanged: 0, errors: 0 },
    });
    if (outcome.status !== "APPLIED") throw new Error("not applied");

    const failed = await payment(sent.payment.id);
    expect(failed).toMatchObject({ status: "FAILED", failureReason: "Account closed", failedAt: new Date(clock) });
    const claim = await claimOf(sent.claim.id);
    expect(claim).toMatchObject({
      status: "INFORMATION_REQUESTED",
      informationRequestKind: "BANK_DETAILS",
      version: versionBefore + 1,
      needsAttention: true,
    });
    const messages = await db().notification.findMany({ where: { claimId: sent.claim.id, template: "PAYMENT_FAILED" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: "EMAIL", recipient: "ada@example.com", status: "QUEUED" });
    expect(JSON.stringify(messages[0].personalisation)).toContain("Reason given by the bank: Account closed");

    const audit = await db().auditLog.findMany({
      where: { entityId: { in: [sent.payment.id, sent.claim.id, outcome.uploadId] } },
      orderBy: { id: "asc" },
    });
    expect(audit.filter((a) => a.action !== "payment.sent").map((a) => [a.action, a.entityType])).toEqual(
      expect.arrayContaining([
        ["payment.failed", "Payment"],
        ["claim.information-requested", "Claim"],
        ["upload.applied", "Upload"],
      ]),
    );
    const failedAudit = audit.find((a) => a.action === "payment.failed")!;
    expect(failedAudit.before).toMatchObject({ status: "SENT", failureReason: null });
    expect(failedAudit.after).toMatchObject({ status: "FAILED", failureReason: "Account closed", uploadId: outcome.uploadId });
    expect(
      await db().claimEvent.findMany({
        where: { claimId: sent.claim.id, kind: { in: ["payment.failed", "claim.information-requested"] } },
      }),
    ).toHaveLength(2);

    const upload1 = await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId }, include: { rows: true } });
    expect(upload1).toMatchObject({
      kind: "SSCL_FAILED_PAYMENTS",
      status: "APPLIED",
      fileName: "failed_20261123.csv",
      rowCount: 1,
      matched: 1,
    });
    expect(upload1.rows.map((r) => [r.lineNo, r.outcome, r.message, r.paymentId])).toEqual([
      [1, "MATCHED", `Payment ${sent.payment.reference} failed: Account closed`, sent.payment.id],
    ]);
    expect((await store().get(upload1.storageKey)).toString("utf8")).toBe(text);
    expect(await loadUploadErrorReport(db(), store(), outcome.uploadId)).toBeNull();

    // The other payment in the batch is untouched.
    expect((await payment(other.payment.id)).status).toBe("SENT");
    expect((await claimOf(other.claim.id)).needsAttention).toBe(false);

    const before = await footprint(sent.claim.id, sent.payment.id);
    const again = await upload("failed_20261123 (1).csv", text);
    expect(again).toEqual({
      status: "DUPLICATE",
      uploadId: expect.any(String),
      previous: { uploadId: outcome.uploadId, uploadedAt: expect.any(Date), uploadedBy: "Test SSCL_FINANCE" },
    });
    expect(await footprint(sent.claim.id, sent.payment.id)).toEqual(before);
  });

  it("applies nothing when any row is an error, keeps the row outcomes, and offers the rows with an Error column", async () => {
    const [good] = await sentPayments(1);
    const goodLine = await storedLine(good.payment.id);
    const badLine = "200000,55779911,A Lovelace,10.00,ZZZZZZZ-01";
    const before = await footprint(good.claim.id, good.payment.id);

    const outcome = await upload("mixed.batch.csv", `${goodLine}\r\n${badLine}\r\n`);
    expect(outcome).toEqual({
      status: "REJECTED",
      uploadId: expect.any(String),
      counts: { rows: 2, matched: 1, unchanged: 0, errors: 1 },
      errors: [{ lineNo: 2, message: 'Line 2: unknown line: no AccessPay line was sent with reference "ZZZZZZZ-01"' }],
    });
    expect(await footprint(good.claim.id, good.payment.id)).toEqual(before);

    const saved = await db().upload.findUniqueOrThrow({
      where: { id: outcome.uploadId },
      include: { rows: { orderBy: { lineNo: "asc" } } },
    });
    expect(saved).toMatchObject({ status: "REJECTED", rowCount: 2, matched: 1, errors: 1 });
    expect(saved.rows.map((r) => [r.lineNo, r.outcome, r.paymentId])).toEqual([
      [1, "MATCHED", good.payment.id],
      [2, "ERROR", null],
    ]);

    const report = await loadUploadErrorReport(db(), store(), outcome.uploadId);
    expect(report?.fileName).toBe("mixed.batch-errors.csv");
    expect(report?.bytes).toEqual(
      Buffer.from(
        "\uFEFFSort code,Account number,Name,Amount,Reference,Reason,Error\n" +
          `${goodLine},,\n` +
          `${badLine},,"Line 2: unknown line: no AccessPay line was sent with reference ""ZZZZZZZ-01"""\n`,
        "utf8",
      ),
    );
    expect(report?.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await loadUploadErrorReport(db(), store(), "00000000-0000-4000-8000-000000000000")).toBeNull();

    // The same bytes again are checked again, not called a duplicate: they were never applied.
    expect((await upload("mixed.batch.csv", `${goodLine}\r\n${badLine}\r\n`)).status).toBe("REJECTED");
  });

  it("says UNCHANGED for a payment already failed with the same reason, in a different file", async () => {
    const [sent] = await sentPayments(1);
    const line = await storedLine(sent.payment.id);
    expect((await upload("first.csv", `${line},Account closed\n`)).status).toBe("APPLIED");
    const before = await footprint(sent.claim.id, sent.payment.id);

    const outcome = await upload("second.csv", `\uFEFF${line},"account   closed"\r\n\r\n`);
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { rows: 1, matched: 0, unchanged: 1, errors: 0 } });
    const rows = await db().uploadRow.findMany({ where: { uploadId: outcome.uploadId } });
    expect(rows.map((r) => [r.outcome, r.message])).toEqual([
      ["UNCHANGED", `Payment ${sent.payment.reference} already failed (Account closed); unchanged`],
    ]);
    expect(await footprint(sent.claim.id, sent.payment.id)).toEqual(before);

    // A different reason for the same failure is an error, not a silent overwrite.
    const different = await upload("third.csv", `${line},Insufficient funds\n`);
    expect(different).toMatchObject({
      status: "REJECTED",
      errors: [{ lineNo: 1, message: expect.stringMatching(/already failed with a different reason/) }],
    });
    expect(await footprint(sent.claim.id, sent.payment.id)).toEqual(before);
  });

  it("refuses a row for a line of a voided batch", async () => {
    const [sent] = await sentPayments(1);
    const line = await storedLine(sent.payment.id);
    const fileLine = await db().fileLine.findFirstOrThrow({ where: { paymentId: sent.payment.id } });
    // What voiding does: batch and lines void, the payment back to waiting for a run.
    await db().batch.update({
      where: { id: fileLine.batchId },
      data: { status: "VOID", voidReason: "AccessPay rejected the file", voidedAt: tick() },
    });
    await db().fileLine.updateMany({ where: { batchId: fileLine.batchId }, data: { isVoid: true } });
    await forcePaymentUpdate(db(), { where: { id: sent.payment.id }, data: { status: "NEW", sentAt: null } });
    const before = await footprint(sent.claim.id, sent.payment.id);

    const outcome = await upload("void.csv", `${line}\n`);
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [
        {
          lineNo: 1,
          message: `Line 1: line of a voided batch: payment ${sent.payment.reference} was in batch ${fileLine.batchId}, which was voided`,
        },
      ],
    });
    expect(await footprint(sent.claim.id, sent.payment.id)).toEqual(before);
    // Keep later runs in this file from picking it up again.
    await forcePaymentUpdate(db(), {
      where: { id: sent.payment.id },
      data: { status: "CANCELLED", cancelReason: "test", cancelledAt: tick() },
    });
  });

  it("fails a PAID payment: a late failure wins, and the timeline says so", async () => {
    const [sent] = await sentPayments(1);
    const paidAt = tick();
    await forcePaymentUpdate(db(), { where: { id: sent.payment.id }, data: { status: "PAID", paidAt } });

    const outcome = await upload("late.csv", `${await storedLine(sent.payment.id)},Beneficiary deceased\n`);
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { matched: 1 } });
    expect(await payment(sent.payment.id)).toMatchObject({ status: "FAILED", failureReason: "Beneficiary deceased", paidAt });
    expect(await claimOf(sent.claim.id)).toMatchObject({
      status: "INFORMATION_REQUESTED",
      informationRequestKind: "BANK_DETAILS",
      needsAttention: true,
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: sent.payment.id, action: "payment.failed" } });
    expect(audit.before).toMatchObject({ status: "PAID" });
    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: sent.claim.id, kind: "payment.failed" } });
    expect(event.summary).toBe(
      `Payment ${sent.payment.reference} failed after it was shown as paid (late failure): Beneficiary deceased`,
    );
  });

  it("two files failing the same payment at once: one failure, one message", async () => {
    const [same, different] = await sentPayments(2);
    const sameLine = await storedLine(same.payment.id);
    const differentLine = await storedLine(different.payment.id);

    const outcomes = await Promise.all([
      upload("a.csv", `${sameLine},Account closed\n${differentLine},No account\n`),
      upload("b.csv", `${sameLine},Account closed\r\n${differentLine},Insufficient funds\r\n`),
    ]);
    // Whichever went first applied both rows; the other saw "unchanged" and a different reason.
    const statuses = outcomes.map((o) => o.status).sort();
    expect(statuses).toEqual(["APPLIED", "REJECTED"]);
    const rejected = outcomes.find((o) => o.status === "REJECTED");
    expect(rejected).toMatchObject({ counts: { rows: 2, matched: 0, unchanged: 1, errors: 1 } });

    for (const m of [same, different]) {
      expect((await payment(m.payment.id)).status).toBe("FAILED");
      expect(await db().auditLog.count({ where: { entityId: m.payment.id, action: "payment.failed" } })).toBe(1);
      expect(await db().notification.count({ where: { claimId: m.claim.id, template: "PAYMENT_FAILED" } })).toBe(1);
      expect(await db().claimEvent.count({ where: { claimId: m.claim.id, kind: "payment.failed" } })).toBe(1);
    }
  });

  it("two files with the same reason at once: one applies, the other is unchanged", async () => {
    const [sent] = await sentPayments(1);
    const line = await storedLine(sent.payment.id);
    const outcomes = await Promise.all([
      upload("c.csv", `${line},Account closed\n`),
      upload("d.csv", `${line},Account closed\r\n`),
    ]);
    expect(outcomes.map((o) => (o.status === "APPLIED" ? [o.counts.matched, o.counts.unchanged] : o.status)).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(await db().notification.count({ where: { claimId: sent.claim.id, template: "PAYMENT_FAILED" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: sent.payment.id, action: "payment.failed" } })).toBe(1);
  });

  it("a payment that changed between the check and the apply fails the whole upload (CONFLICT)", async () => {
    const [sent] = await sentPayments(1);
    await forcePaymentUpdate(db(), { where: { id: sent.payment.id }, data: { status: "NEW" } });
    const fileLine = await db().fileLine.findFirstOrThrow({ where: { paymentId: sent.payment.id } });
    const actor = await ssclUser();
    await expect(
      db().$transaction((tx) =>
        applyPaymentFailures(tx, {
          failures: [{ paymentId: sent.payment.id, fileLineId: fileLine.id, failureReason: "Account closed" }],
          uploadId: "u",
          actor,
          now: tick(),
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`${sent.payment.reference} (now new)`) });
    expect((await payment(sent.payment.id)).status).toBe("NEW");
    await forcePaymentUpdate(db(), {
      where: { id: sent.payment.id },
      data: { status: "CANCELLED", cancelReason: "test", cancelledAt: tick() },
    });
  });
});
