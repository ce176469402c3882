// The direct-payments run selects a cycle's payments through their person, like a claim's: an
// approved cycle's NEW payment is paid to the person's approved bank details; a payroll still
// waiting (DRAFT) or a suspended payment never goes near a file.
import { describe, expect, it } from "vitest";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { VALID_BANK } from "../support/make-claim";
import { makeCycle, makeCyclePayment } from "../support/make-cycle-payment";
import { useTestDatabase } from "../support/test-db";
import { approvedBankPayment, expectRecordedFilesMatchStore, expectSentOnce, key, run, useTempStore } from "./run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

describe("the direct-payments run and cycle payments", () => {
  it("pays an approved cycle's NEW payment to its person's details, and leaves DRAFT and SUSPENDED ones alone", async () => {
    const waiting = await makeCycle(db(), { status: "PENDING_APPROVAL", periodStart: "2026-12-01" });
    const draft = await makeCyclePayment(db(), key, { cycle: waiting, status: "DRAFT", amountPence: 4100 });
    const suspended = await makeCyclePayment(db(), key, { cycle: waiting, status: "SUSPENDED", amountPence: 90_000 });
    const approved = await makeCycle(db(), { status: "APPROVED", periodStart: "2026-11-01" });
    const due = await makeCyclePayment(db(), key, {
      cycle: approved,
      status: "NEW",
      amountPence: 5000,
      bank: { ...VALID_BANK, nameOnAccount: "G Hopper" },
    });
    const claim = await approvedBankPayment(db(), { pence: 1240 });
    const eventsBefore = await db().claimEvent.count({ where: { kind: "payment.sent" } });

    const summary = await run(db(), store());
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 2, totalPence: 6240, held: [] });
    await expectSentOnce(db(), [due.payment.id, claim.payment.id]);

    const line = await db().fileLine.findFirstOrThrow({ where: { paymentId: due.payment.id } });
    expect(line).toMatchObject({ amountPence: 5000, fileReference: due.payment.reference });
    expect(due.payment.reference).toMatch(/^[0-9A-Z]{7}-202611$/);
    expect(decryptBankDetails(line.bankDetailsCiphertext!, key)).toEqual({ ...VALID_BANK, nameOnAccount: "G Hopper" });
    const [file] = await expectRecordedFilesMatchStore(db(), store(), summary.runId!);
    expect((await store().get(file.storageKey)).toString("ascii")).toContain(
      `200000,55779911,G Hopper,50.00,${due.payment.reference}\n`,
    );
    // The claim's payment has its timeline entry; the cycle's has none (no claim), only its history.
    expect(await db().claimEvent.count({ where: { kind: "payment.sent" } })).toBe(eventsBefore + 1);
    expect(await db().paymentStatusHistory.count({ where: { paymentId: due.payment.id, toStatus: "SENT" } })).toBe(1);

    for (const [made, status] of [
      [draft, "DRAFT"],
      [suspended, "SUSPENDED"],
    ] as const) {
      expect(await db().payment.findUniqueOrThrow({ where: { id: made.payment.id } })).toMatchObject({
        status,
        holdReason: null,
      });
      expect(await db().fileLine.count({ where: { paymentId: made.payment.id } })).toBe(0);
    }
  });

  it("holds an approved cycle's payment whose person has no bank details, without a claim to flag", async () => {
    const approved = await makeCycle(db(), { status: "APPROVED", periodStart: "2027-01-01" });
    const noBank = await makeCyclePayment(db(), key, { cycle: approved, status: "NEW", bank: null });
    const summary = await run(db(), store(), { now: new Date("2026-11-22T11:00:00.000Z") });
    expect(summary).toMatchObject({ status: "EMPTY", payments: 0 });
    expect(summary.held).toEqual([expect.objectContaining({ paymentId: noBank.payment.id, reason: "NO_BANK_DETAILS" })]);
    expect(await db().payment.findUniqueOrThrow({ where: { id: noBank.payment.id } })).toMatchObject({
      status: "NEW",
      holdReason: "NO_BANK_DETAILS",
    });
  });
});
