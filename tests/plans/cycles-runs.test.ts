// An approved cycle's payroll is paid on the same rails as claims: the next direct-payments run
// takes its bank payments and the next Payout run its cash ones; a payroll still waiting for
// approval is never taken. A payment that then fails is carried into the next cycle and paid once.
import { describe, expect, it } from "vitest";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { VALID_BANK } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import { payout, usePayoutPlaces } from "../payout/run-payout-test-support";
import { expectSentOnce, key, run, useTempStore } from "../runs/run-test-support";
import { cyclePayments, enrol, FLAT_RULE, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const store = useTempStore();
const places = usePayoutPlaces();
const NOW = new Date("2026-11-22T10:15:30.000Z");

describe("an approved cycle's payments in the runs", () => {
  it(
    "go into the next bank and Payout runs; a waiting payroll's do not; a failed one is carried and paid once",
    { timeout: 120_000 },
    async () => {
      const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
      const plan = await makePlan(db(), { rule: FLAT_RULE, carryOverUnpaid: true });
      const people = await enrol(db(), plan.benefitPlan.id, [{}, {}, { method: "CASH" }, { method: "CASH" }]);
      const [bank1, bank2, cash1, cash2] = people;
      for (const person of [bank1, bank2]) {
        await db().bankDetails.create({ data: { claimantId: person.personId, ciphertext: encryptBankDetails(VALID_BANK, key) } });
      }
      const create = (periodStart: string) =>
        createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart, actor: maker, now: NOW });

      const november = await create("2026-11-01");
      // December's payroll waits for approval while November's is paid.
      const waiting = await create("2026-12-01");
      await approveCycle({ db: db(), cycleId: november.cycleId, expectedVersion: 0, actor: checker, now: NOW });
      const paid = await cyclePayments(db(), november.cycleId);

      const bankRun = await run(db(), store(), { now: NOW });
      expect(bankRun).toMatchObject({ status: "SUCCEEDED", payments: 2, totalPence: 10_000, held: [] });
      await expectSentOnce(
        db(),
        [bank1, bank2].map((p) => paid.get(p.personId)!.id),
      );
      const cashRun = await payout(db(), places, { key, now: new Date(NOW.getTime() + 60_000) });
      expect(cashRun).toMatchObject({ status: "SUCCEEDED", payments: 2, totalPence: 10_000, held: [] });
      await expectSentOnce(
        db(),
        [cash1, cash2].map((p) => paid.get(p.personId)!.id),
      );
      const lines = await db().fileLine.findMany({
        where: { payment: { cycleId: november.cycleId } },
        select: { fileReference: true },
      });
      expect(lines.map((l) => l.fileReference).sort()).toEqual([...paid.values()].map((p) => p.reference).sort());
      expect(await db().fileLine.count({ where: { payment: { cycleId: waiting.cycleId } } })).toBe(0);

      // The bank reports bank1's payment failed; December was already built, so January carries it.
      await forcePaymentUpdate(db(), { where: { id: paid.get(bank1.personId)!.id }, data: { status: "FAILED" } });
      const january = await create("2027-01-01");
      expect(january.totals.carriedOver).toBe(1);
      await approveCycle({ db: db(), cycleId: january.cycleId, expectedVersion: 0, actor: checker, now: NOW });
      const later = new Date(NOW.getTime() + 3_600_000);
      const nextRun = await run(db(), store(), { now: later });
      expect(nextRun).toMatchObject({ status: "SUCCEEDED", payments: 2, totalPence: 15_000 });
      const carried = (await cyclePayments(db(), january.cycleId)).get(bank1.personId)!;
      expect(carried).toMatchObject({ status: "SENT", amountPence: 10_000 });
      expect(await db().payment.findUniqueOrThrow({ where: { id: paid.get(bank1.personId)!.id } })).toMatchObject({
        status: "CARRIED_OVER",
      });
      // The failed payment's money went out once more, on January's payment, and nowhere else.
      expect(await db().fileLine.count({ where: { paymentId: paid.get(bank1.personId)!.id } })).toBe(1);
      expect(await db().fileLine.count({ where: { paymentId: carried.id } })).toBe(1);
    },
  );
});
