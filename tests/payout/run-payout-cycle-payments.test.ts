// The Payout run selects a cycle's cash payments through their person, like a claim's: an approved
// cycle's NEW payment goes in the file with the person's name and address, the period's first day
// in column 22 and the plan's own letter template code in column 19 (the setting's when it has
// none); a payroll still waiting (DRAFT) or a suspended payment is never selected. Its payment code
// then tells the person, with a voucher printed from their own name and address.
import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { loadVoucherDetails } from "@/lib/notify/load-voucher-details";
import { importPaymentCodes } from "@/lib/payout/payment-codes/import-payment-codes";
import { makeCycle, makeCyclePayment } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import {
  approvedCashPayment,
  expectSentOnce,
  key,
  NOW,
  outboxFiles,
  payout,
  SETTINGS,
  usePayoutPlaces,
} from "./run-payout-test-support";
import { paymentCodeLine } from "./voucher-upload-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

describe("a Payout run and cycle payments", () => {
  it("sends an approved cycle's NEW cash payment with its person, period and plan's letter code, and leaves DRAFT and SUSPENDED ones", async () => {
    const waiting = await makeCycle(db(), { status: "PENDING_APPROVAL", periodStart: "2026-12-01" });
    const draft = await makeCyclePayment(db(), key, { cycle: waiting, method: "CASH", bank: null, status: "DRAFT" });
    const suspended = await makeCyclePayment(db(), key, { cycle: waiting, method: "CASH", bank: null, status: "SUSPENDED" });
    const ownCode = await makeCycle(db(), { status: "APPROVED", periodStart: "2026-11-01", letterTemplateCode: "PLAN-LET-007" });
    const withCode = await makeCyclePayment(db(), key, { cycle: ownCode, method: "CASH", bank: null, amountPence: 2500 });
    const settingCode = await makeCycle(db(), { status: "APPROVED", periodStart: "2026-10-01" });
    const withoutCode = await makeCyclePayment(db(), key, { cycle: settingCode, method: "CASH", bank: null, amountPence: 3000 });
    const claim = await approvedCashPayment(db(), { pence: 1240, eventDate: "2026-03-14" });

    const summary = await payout(db(), places);
    expect(summary).toMatchObject({ status: "SUCCEEDED", kind: "PAYOUT", payments: 3, totalPence: 6740, held: [] });
    await expectSentOnce(db(), [withCode.payment.id, withoutCode.payment.id, claim.payment.id]);

    const [text] = [...outboxFiles(places.outbox).values()].map((b) => b.toString("ascii"));
    const lines = new Map(
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(","))
        .map((columns) => [columns[12], columns]),
    );
    expect(lines.size).toBe(3);
    // Columns 1, 3-9 (the person), 19 (letter template code) and 22 (the date).
    const pick = (c: string[]) => [c[0], c[2], c[3], c[4], c[5], c[8], c[18], c[21]];
    expect(pick(lines.get(withCode.payment.reference)!)).toEqual([
      "25.00",
      "Grace",
      "Hopper",
      "2 Market Street",
      "York",
      "YO1 8AA",
      "PLAN-LET-007",
      "01 11 2026",
    ]);
    expect(pick(lines.get(withoutCode.payment.reference)!)).toEqual([
      "30.00",
      "Grace",
      "Hopper",
      "2 Market Street",
      "York",
      "YO1 8AA",
      SETTINGS.letterTemplateCode,
      "01 10 2026",
    ]);
    expect(pick(lines.get(claim.payment.reference)!).slice(6)).toEqual([SETTINGS.letterTemplateCode, "14 03 2026"]);

    for (const [made, status] of [
      [draft, "DRAFT"],
      [suspended, "SUSPENDED"],
    ] as const) {
      expect((await db().payment.findUniqueOrThrow({ where: { id: made.payment.id } })).status).toBe(status);
      expect(await db().fileLine.count({ where: { paymentId: made.payment.id } })).toBe(0);
    }
  });

  it("stores a cycle payment's code and queues its voucher to the person, with no claim timeline", async () => {
    const cycle = await makeCycle(db(), { status: "APPROVED", periodStart: "2027-01-01" });
    const { payment, person } = await makeCyclePayment(db(), key, { cycle, method: "CASH", bank: null, amountPence: 4200 });
    const summary = await payout(db(), places, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 1 });
    const { batchId } = await db().fileLine.findFirstOrThrow({ where: { paymentId: payment.id } });
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const claimEventsBefore = await db().claimEvent.count();

    const outcome = await importPaymentCodes({
      db: db(),
      store: places.store,
      fileName: "codes-cycle.csv",
      bytes: Buffer.from(`${paymentCodeLine(payment.reference, 4200, "CYCLECODE0001")}\r\n`),
      actor: { id: caseworker.id, email: caseworker.email },
      now: new Date(NOW.getTime() + 7_200_000),
      batchId,
    });
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { matched: 1, errors: 0 } });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).paymentCode).toBe("CYCLECODE0001");
    expect(await db().auditLog.count({ where: { entityId: payment.id, action: "payment.code-issued" } })).toBe(1);
    expect(await db().claimEvent.count()).toBe(claimEventsBefore);

    const [message] = await db().notification.findMany({ where: { paymentId: payment.id } });
    expect(message).toMatchObject({
      claimantId: person.id,
      claimId: null,
      template: "payout-voucher",
      channel: "EMAIL",
      recipient: "grace@example.com",
    });
    const vouchers = await withPgTransaction(db(), (tx) => loadVoucherDetails(tx, [message.id]));
    expect(vouchers.get(message.id)).toMatchObject({
      paymentReference: payment.reference,
      firstName: "Grace",
      lastName: "Hopper",
      addressLine1: "2 Market Street",
      postcode: "YO1 8AA",
      code: "CYCLECODE0001",
    });
  });
});
