// A SENT bank payment becomes PAID 5 working days after its AccessPay file was first downloaded;
// every direct-payments run checks.
import { describe, expect, it } from "vitest";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { newBankPayments, NOW, run, useTempStore } from "./run-test-support";
import { forcePaymentUpdate } from "../support/force-payment-update";

const { db } = useTestDatabase();
const store = useTempStore();
const DAY = 24 * 3_600_000;

async function sentInARun(now: Date) {
  const [payment] = await newBankPayments(db(), 1);
  const summary = await run(db(), store(), { now });
  expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 1 });
  const csv = await db().batchFile.findFirstOrThrow({ where: { batch: { runId: summary.runId! }, kind: "ACCESSPAY_CSV" } });
  return { payment, csv };
}

describe("the PAID sweep", () => {
  it("marks a payment PAID once 5 working days have passed since the first download, and not before", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const early = await sentInARun(new Date(NOW.getTime() - 10 * DAY));
    const recent = await sentInARun(new Date(NOW.getTime() - 9 * DAY));
    const never = await sentInARun(new Date(NOW.getTime() - 8 * DAY));

    // Saturday 14 November: day 0; paid from Friday 20 November. Later downloads do not restart it.
    await db().fileDownload.create({
      data: { batchFileId: early.csv.id, userId: finance.id, downloadedAt: new Date(NOW.getTime() - 8 * DAY) },
    });
    await db().fileDownload.create({
      data: { batchFileId: early.csv.id, userId: finance.id, downloadedAt: new Date(NOW.getTime() - DAY) },
    });
    // Saturday 21 November: paid from Friday 27 November.
    await db().fileDownload.create({
      data: { batchFileId: recent.csv.id, userId: finance.id, downloadedAt: new Date(NOW.getTime() - DAY) },
    });

    const sweep = await run(db(), store(), { now: NOW });
    expect(sweep).toMatchObject({ status: "EMPTY" });
    const status = async (id: string) => (await db().payment.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(early.payment.id)).toBe("PAID");
    expect((await db().payment.findUniqueOrThrow({ where: { id: early.payment.id } })).paidAt).not.toBeNull();
    expect(await status(recent.payment.id)).toBe("SENT");
    expect(await status(never.payment.id)).toBe("SENT");
    expect(await db().auditLog.count({ where: { entityId: early.payment.id, action: "payment.paid" } })).toBe(1);

    // Five working days after Saturday 21 November is Friday 27 November.
    expect(await run(db(), store(), { now: new Date("2026-11-26T22:00:00Z") })).toMatchObject({ status: "EMPTY" });
    expect(await status(recent.payment.id)).toBe("SENT");
    expect(await run(db(), store(), { now: new Date("2026-11-27T00:30:00Z") })).toMatchObject({ status: "EMPTY" });
    expect(await status(recent.payment.id)).toBe("PAID");
    expect(await status(never.payment.id)).toBe("SENT");
    expect(await db().auditLog.count({ where: { entityId: early.payment.id, action: "payment.paid" } })).toBe(1);
  });

  it("leaves a payment reported FAILED as it is", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const sent = await sentInARun(new Date(NOW.getTime() - 7 * DAY));
    await forcePaymentUpdate(db(), {
      where: { id: sent.payment.id },
      data: { status: "FAILED", failureReason: "Account closed" },
    });
    await db().fileDownload.create({
      data: { batchFileId: sent.csv.id, userId: finance.id, downloadedAt: new Date(NOW.getTime() - 6 * DAY) },
    });
    await run(db(), store(), { now: new Date(NOW.getTime() + 10 * DAY) });
    expect((await db().payment.findUniqueOrThrow({ where: { id: sent.payment.id } })).status).toBe("FAILED");
  });
});
