// A cycle payment that fails, through SSCL's failed-payments upload: its person is flagged for new
// bank details and told once (a second file naming the same payment changes nothing), and the flag
// clears when new bank details are approved. A paid payment that fails after its cycle was
// reconciled is a late failure: on the reconciliation figures, the cycle list and the timeline,
// and carried into the next cycle exactly once.
import { describe, expect, it } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueClaimantMessages } from "@/lib/notify/queue-claimant-messages";
import { movePayments } from "@/lib/payments/move-payments";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { listPeopleNeedingBankDetails, loadBankDetailsNeeded } from "@/lib/plans/cycles/bank-details-needed";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listCycles } from "@/lib/plans/cycles/list-cycles";
import { listLateFailures } from "@/lib/plans/cycles/list-late-failures";
import { listUnpaidPayments } from "@/lib/plans/cycles/list-unpaid-payments";
import { loadCycleReconciliation } from "@/lib/plans/cycles/load-cycle-reconciliation";
import { reconcileCycle } from "@/lib/plans/cycles/reconcile-cycle";
import { decideBeneficiaryBankDetails, proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { CARRIED_OVER_LINE_LABEL } from "@/lib/plans/rules/calculate-payment";
import { key, NOW, run, useTempStore } from "../runs/run-test-support";
import { VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";
import { planManager, reader } from "./enrolments-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const store = useTempStore();

let clock = NOW.getTime();
const tick = () => new Date((clock += 60_000));

/** A plan carrying unpaid money over, its November cycle approved, and its payments sent by a bank run. */
async function sentCycle(people: number) {
  const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
  const plan = await makePlan(db(), { carryOverUnpaid: true });
  const enrolled = await enrol(
    db(),
    plan.benefitPlan.id,
    Array.from({ length: people }, () => ({})),
  );
  await db().bankDetails.createMany({
    data: enrolled.map((p) => ({ claimantId: p.personId, ciphertext: encryptBankDetails(VALID_BANK, key) })),
  });
  const { cycleId } = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-11-01",
    actor: maker,
    now: tick(),
  });
  await approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: tick() });
  const sent = await run(db(), store(), { now: tick() });
  expect(sent).toMatchObject({ status: "SUCCEEDED", payments: people });
  const payments = await cyclePayments(db(), cycleId);
  const paymentOf = (i: number) => payments.get(enrolled[i].personId)!;
  const createNext = (periodStart: string) =>
    createCycle({ db: db(), paymentPlanId: plan.paymentPlan.id, periodStart, actor: maker, now: tick() });
  return { maker, checker, plan, people: enrolled, cycleId, runId: sent.runId!, paymentOf, createNext };
}

/** Paid, no failure reported, as the next run's sweep would record it. */
async function markPaid(runId: string, ids: string[]) {
  await withPgTransaction(db(), (tx) =>
    movePayments(tx, { transition: "pay", mover: "SYSTEM", ids, actor: { system: "test" }, now: tick(), source: { runId } }),
  );
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

async function uploadFailures(fileName: string, text: string) {
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

const flagOf = async (personId: string) =>
  (await db().claimant.findUniqueOrThrow({ where: { id: personId } })).bankDetailsNeededSince;

describe("a failed cycle payment", () => {
  it("flags its person and tells them once, by their contact preference; approved new bank details clear the flag", async () => {
    const c = await sentCycle(2);
    const [grace, other] = c.people;
    await db().claimant.update({
      where: { id: grace.personId },
      data: { contactPreference: "EMAIL", email: "grace@example.com" },
    });
    const payment = c.paymentOf(0);

    const text = `${await storedLine(payment.id)},Account closed\n`;
    const first = await uploadFailures("failed_1.csv", text);
    expect(first.counts).toMatchObject({ matched: 1, errors: 0 });
    const failedAt = (await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).failedAt!;
    expect(await flagOf(grace.personId)).toEqual(failedAt);
    expect(await flagOf(other.personId)).toBeNull();
    const flagAudit = await db().auditLog.findMany({ where: { entityId: grace.personId, action: "person.bank-details-needed" } });
    expect(flagAudit).toHaveLength(1);
    expect(flagAudit[0].after).toMatchObject({ uploadId: first.uploadId, paymentIds: [payment.id] });

    const messages = await db().notification.findMany({ where: { claimantId: grace.personId } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      template: "CYCLE_PAYMENT_FAILED",
      channel: "EMAIL",
      recipient: "grace@example.com",
      claimId: null,
      status: "QUEUED",
      dedupeKey: `cycle-payment-failed:${payment.id}`,
      personalisation: {
        subject: "We could not make your payment: we need new bank details",
        body:
          "Dear Ada,\n\nYour bank could not accept a payment we sent you.\n" +
          "Please contact us with new bank details (the name on the account, the sort code and the account number) so we can pay you.\n" +
          `Reason given by the bank: Account closed\n\nPayment reference: ${payment.reference}`,
        claimReference: payment.reference,
      },
    });
    // No claim was told anything: a cycle payment has none.
    expect(await db().notification.count({ where: { template: "PAYMENT_FAILED" } })).toBe(0);

    // Another file naming the same failed payment (the same line, CRLF): unchanged, nobody told again.
    const second = await uploadFailures("failed_2.csv", text.replace("\n", "\r\n"));
    expect(second.counts).toMatchObject({ matched: 0, unchanged: 1, errors: 0 });
    expect(await db().notification.count({ where: { claimantId: grace.personId } })).toBe(1);
    expect(await flagOf(grace.personId)).toEqual(failedAt);
    // The message is keyed by the payment: queued again by any path, it is not sent twice.
    const again = await withPgTransaction(db(), (tx) =>
      queueClaimantMessages(tx, {
        kind: "CYCLE_PAYMENT_FAILED",
        actorId: null,
        now: tick(),
        dedupe: true,
        rows: Prisma.sql`
          SELECT p."personId" AS claimant_id, NULL::uuid AS claim_id, '{}'::uuid[] AS claim_ids, p.reference AS claim_reference,
                 'Payment reference' AS reference_label, NULL::text AS reason, 'cycle-payment-failed:' || p.id::text AS dedupe_key
          FROM "Payment" p WHERE p.id = ${payment.id}::uuid`,
      }),
    );
    expect(again).toBe(0);
    expect(await db().notification.count({ where: { claimantId: grace.personId } })).toBe(1);

    // Shown on /benefit-plans and the beneficiary's page.
    const listed = (await listPeopleNeedingBankDetails(db())).filter((p) => p.personReference === grace.reference);
    expect(listed).toEqual([
      {
        personReference: grace.reference,
        personName: `Ada ${grace.lastName}`,
        since: failedAt,
        planCode: c.plan.benefitPlan.code,
        newDetailsWaiting: false,
      },
    ]);
    expect(await loadBankDetailsNeeded(db(), grace.personId)).toEqual({
      since: failedAt,
      failed: [{ reference: payment.reference, failedAt, reason: "Account closed", status: "FAILED" }],
    });
    expect(await loadBankDetailsNeeded(db(), other.personId)).toBeNull();

    // New bank details: rejected ones leave the flag, approved ones clear it.
    const [pmMaker, pmChecker] = [await planManager(db()), await planManager(db())];
    const propose = () =>
      proposeBeneficiaryBankDetails({
        db: db(),
        key,
        lookupKey: TEST_LOOKUP_KEY,
        planCode: c.plan.benefitPlan.code,
        personReference: grace.reference,
        read: reader({ nameOnAccount: "Ada New Account", sortCode: "200000", accountNumber: "55779911" }),
        actor: pmMaker,
        now: tick(),
      });
    const decide = async (actor: StaffMember, approve: boolean) => {
      const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: grace.personId, status: "PENDING" } });
      await decideBeneficiaryBankDetails({
        db: db(),
        key,
        planCode: c.plan.benefitPlan.code,
        personReference: grace.reference,
        changeId: change.id,
        approve,
        actor,
        now: tick(),
      });
      return change.id;
    };
    await propose();
    expect((await listPeopleNeedingBankDetails(db())).find((p) => p.personReference === grace.reference)?.newDetailsWaiting).toBe(
      true,
    );
    await decide(pmChecker, false);
    expect(await flagOf(grace.personId)).toEqual(failedAt);
    await propose();
    const approvedId = await decide(pmChecker, true);
    expect(await flagOf(grace.personId)).toBeNull();
    expect(await loadBankDetailsNeeded(db(), grace.personId)).toBeNull();
    expect((await listPeopleNeedingBankDetails(db())).map((p) => p.personReference)).not.toContain(grace.reference);
    const approval = await db().auditLog.findFirstOrThrow({
      where: { entityId: grace.personId, action: "bank-details.approved" },
    });
    expect(approval.after).toMatchObject({ changeId: approvedId, bankDetailsNeededCleared: true });
  });
});

describe("a late failure after reconciliation", () => {
  it("shows on the cycle and is carried into the next cycle exactly once", async () => {
    const c = await sentCycle(2);
    const [late, paid] = [c.paymentOf(0), c.paymentOf(1)];
    await markPaid(c.runId, [late.id, paid.id]);
    const cycle = await db().paymentCycle.findUniqueOrThrow({ where: { id: c.cycleId } });
    const reconciledAt = tick();
    await reconcileCycle({ db: db(), cycleId: c.cycleId, expectedVersion: cycle.version, actor: c.checker, now: reconciledAt });

    const upload = await uploadFailures("late.csv", `${await storedLine(late.id)},No account\n`);
    const failed = await db().payment.findUniqueOrThrow({ where: { id: late.id } });
    expect(failed).toMatchObject({ status: "FAILED", failureReason: "No account" });
    const history = await db().paymentStatusHistory.findFirstOrThrow({ where: { paymentId: late.id, toStatus: "FAILED" } });
    expect(history).toMatchObject({ fromStatus: "PAID", uploadId: upload.uploadId });
    expect(history.at.getTime()).toBeGreaterThan(reconciledAt.getTime());

    // On the reconciliation: the figures, the late failures, the unpaid list; the cycle list; the timeline.
    const loaded = await loadCycleReconciliation(db(), c.cycleId);
    expect(loaded).toMatchObject({
      cycle: { status: "RECONCILED" },
      lateFailures: 1,
      figures: { PAID: { payments: 1, totalPence: 5000 }, FAILED: { payments: 1, totalPence: 5000 } },
    });
    expect(await listLateFailures(db(), c.cycleId)).toEqual([
      {
        id: late.id,
        reference: late.reference,
        personReference: c.people[0].reference,
        personName: `Ada ${c.people[0].lastName}`,
        amountPence: 5000,
        status: "FAILED",
        failedAt: history.at,
        reason: "No account",
        carriedInto: null,
      },
    ]);
    expect((await listUnpaidPayments(db(), { cycleId: c.cycleId, pageSize: 10 })).rows).toMatchObject([
      { reference: late.reference, category: "FAILED", outcome: { carried: true } },
    ]);
    expect((await listCycles(db())).find((r) => r.id === c.cycleId)).toMatchObject({ status: "RECONCILED", lateFailures: 1 });
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId: c.cycleId, kind: "cycle.late-failure" } });
    expect(events.map((e) => e.summary)).toEqual([
      `Late failure after reconciliation: payment ${late.reference} failed. Unpaid money is carried or listed for action on the reconciliation page.`,
    ]);
    expect(await flagOf(c.people[0].personId)).toEqual(failed.failedAt);

    // December carries it (the plan carries over); January carries nothing again.
    const december = await c.createNext("2026-12-01");
    expect(december.totals).toMatchObject({ payments: 2, carriedOver: 1 });
    const decemberPayment = (await cyclePayments(db(), december.cycleId)).get(c.people[0].personId)!;
    expect(decemberPayment.amountPence).toBe(10000);
    expect(decemberPayment.lines.map((l) => [l.kind, l.label, l.amountPence, l.carriedFromPaymentId])).toEqual([
      ["BASE", "Base amount", 5000, null],
      ["CARRIED_OVER", CARRIED_OVER_LINE_LABEL, 5000, late.id],
    ]);
    expect((await db().payment.findUniqueOrThrow({ where: { id: late.id } })).status).toBe("CARRIED_OVER");
    const january = await c.createNext("2027-01-01");
    expect(january.totals.carriedOver).toBe(0);
    expect(await db().paymentLine.count({ where: { carriedFromPaymentId: late.id } })).toBe(1);

    // Still a late failure of November, now carried, and no longer unpaid.
    expect(await listLateFailures(db(), c.cycleId)).toMatchObject([
      { id: late.id, status: "CARRIED_OVER", carriedInto: decemberPayment.reference },
    ]);
    expect((await listUnpaidPayments(db(), { cycleId: c.cycleId, pageSize: 10 })).rows).toEqual([]);
    expect((await loadCycleReconciliation(db(), c.cycleId))?.figures).toMatchObject({
      CARRIED_OVER: { payments: 1, totalPence: 5000 },
    });
    expect((await listCycles(db())).find((r) => r.id === c.cycleId)?.lateFailures).toBe(1);
  });

  it("is not a failure reported before the cycle was reconciled", async () => {
    const c = await sentCycle(1);
    const payment = c.paymentOf(0);
    await uploadFailures("early.csv", `${await storedLine(payment.id)},Account closed\n`);
    const cycle = await db().paymentCycle.findUniqueOrThrow({ where: { id: c.cycleId } });
    await reconcileCycle({ db: db(), cycleId: c.cycleId, expectedVersion: cycle.version, actor: c.maker, now: tick() });
    expect((await loadCycleReconciliation(db(), c.cycleId))?.lateFailures).toBe(0);
    expect(await listLateFailures(db(), c.cycleId)).toEqual([]);
    expect(await db().paymentCycleEvent.count({ where: { cycleId: c.cycleId, kind: "cycle.late-failure" } })).toBe(0);
  });
});
