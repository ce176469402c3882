// SSCL's failed-payments upload and payments of a cycle, which have no claim: the payment FAILED
// with its history and audit rows, its person told (one message per failed cycle payment), and no
// claim touched; a person with a failed claim payment in the same file is also told about the claim.
import { describe, expect, it } from "vitest";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { approvedBankPayment, key, NOW, run, useTempStore } from "../runs/run-test-support";
import { makeCycle, makeCyclePayment } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const store = useTempStore();

let clock = NOW.getTime();
const tick = () => new Date((clock += 60_000));

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
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  const outcome = await importFailedPayments({
    db: db(),
    store: store(),
    key,
    fileName,
    bytes: Buffer.from(text, "utf8"),
    actor: { id: finance.id, email: finance.email },
    now: tick(),
  });
  if (outcome.status !== "APPLIED") throw new Error(`not applied: ${JSON.stringify(outcome)}`);
  return outcome;
}

const messageBody = (personalisation: unknown) => (personalisation as { body: string }).body;

describe("a failed cycle payment through SSCL's failed-payments upload", () => {
  it("is FAILED, its person is told with the payment's reference, and no claim is touched", async () => {
    const cycle = await makeCycle(db(), { status: "APPROVED", periodStart: "2026-11-01" });
    const { payment, person } = await makeCyclePayment(db(), key, { cycle, status: "NEW", amountPence: 5000 });
    expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED", payments: 1 });
    const claimsBefore = await db().claim.findMany({ orderBy: { id: "asc" } });
    const claimEventsBefore = await db().claimEvent.count();

    const outcome = await upload("failed_cycle.csv", `${await storedLine(payment.id)},Account closed\n`);
    expect(outcome.counts).toEqual({ rows: 1, matched: 1, unchanged: 0, errors: 0 });

    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "FAILED",
      failureReason: "Account closed",
      personId: person.id,
      claimId: null,
    });
    expect(
      await db().paymentStatusHistory.count({ where: { paymentId: payment.id, toStatus: "FAILED", uploadId: outcome.uploadId } }),
    ).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: payment.id, action: "payment.failed" } })).toBe(1);

    // The person is told, in one message that belongs to no claim.
    const messages = await db().notification.findMany({ where: { claimantId: person.id, template: "CYCLE_PAYMENT_FAILED" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ claimId: null, channel: "EMAIL", recipient: "grace@example.com", status: "QUEUED" });
    const body = messageBody(messages[0].personalisation);
    expect(body).toContain("Reason given by the bank: Account closed");
    expect(body.endsWith(`\n\nPayment reference: ${payment.reference}`)).toBe(true);

    // No claim changed, and no claim timeline has an entry for it.
    expect(await db().claim.findMany({ orderBy: { id: "asc" } })).toEqual(claimsBefore);
    expect(await db().claimEvent.count()).toBe(claimEventsBefore);
    expect(await db().auditLog.count({ where: { entityType: "Claim", action: "claim.information-requested" } })).toBe(0);
  });

  it("tells a person whose claim payment and cycle payment both failed in one file about each", async () => {
    const claimPayment = await approvedBankPayment(db(), { pence: 1240 });
    const cycle = await makeCycle(db(), { status: "APPROVED", periodStart: "2026-12-01" });
    const { payment: cyclePayment } = await makeCyclePayment(db(), key, { cycle, person: claimPayment.claimant, status: "NEW" });
    expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED", payments: 2 });

    const text = `${await storedLine(claimPayment.payment.id)},No account\n${await storedLine(cyclePayment.id)},No account\n`;
    await upload("failed_both.csv", text);

    const statuses = await db().payment.findMany({ where: { id: { in: [claimPayment.payment.id, cyclePayment.id] } } });
    expect(statuses.map((p) => p.status)).toEqual(["FAILED", "FAILED"]);
    expect(await db().claim.findUniqueOrThrow({ where: { id: claimPayment.claim.id } })).toMatchObject({
      status: "INFORMATION_REQUESTED",
      informationRequestKind: "BANK_DETAILS",
      needsAttention: true,
    });
    const messages = await db().notification.findMany({
      where: { claimantId: claimPayment.claimant.id, template: "PAYMENT_FAILED" },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0].claimId).toBe(claimPayment.claim.id);
    expect(messageBody(messages[0].personalisation).endsWith(`\n\nClaim reference: ${claimPayment.claim.reference}`)).toBe(true);
    const cycleMessages = await db().notification.findMany({
      where: { claimantId: claimPayment.claimant.id, template: "CYCLE_PAYMENT_FAILED" },
    });
    expect(cycleMessages.map((m) => [m.claimId, messageBody(m.personalisation).split("\n\n").at(-1)])).toEqual([
      [null, `Payment reference: ${cyclePayment.reference}`],
    ]);
    const queued = await db().claimEvent.findMany({ where: { claimId: claimPayment.claim.id, kind: "message.queued" } });
    expect(queued.map((e) => e.summary).filter((s) => s.includes("could not pay you"))).toHaveLength(1);
  });
});
