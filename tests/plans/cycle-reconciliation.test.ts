// Reconciling a payment cycle: refused while a payment is new or sent (or the cycle is not
// approved), done once by an accountant (who, when, the cycle's timeline and the audit log), once
// even when two accountants reconcile at once; the figures by outcome with exact totals, and the
// unpaid payments listed (keyset pages) with what happens to each.
import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { POST_OFFICE_CANCEL_REASON, SUSPENDED_REJECTED_CANCEL_PREFIX } from "@/lib/payments/rules/payment-transitions";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listCycles } from "@/lib/plans/cycles/list-cycles";
import { listUnpaidPayments } from "@/lib/plans/cycles/list-unpaid-payments";
import { loadCycleReconciliation } from "@/lib/plans/cycles/load-cycle-reconciliation";
import { reconcileCycle } from "@/lib/plans/cycles/reconcile-cycle";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan, type Beneficiary } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-12-20T10:00:00Z");
const LATER = new Date("2026-12-21T09:30:00Z");

/** £50, plus £10 per household member counted by the conditions below, so the amounts differ. */
const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
    label: `Household of ${n} or more`,
    conditions: [{ attribute: "Household size", type: "NUMBER" as const, operator: ">=" as const, value: n }],
    amountPence: 1000,
    countsTowardsCeiling: false,
  })),
  ceilingPence: null,
  limitPence: null,
};

type Outcome = { status: PaymentStatus; cancelReason?: string };

/** An approved cycle of a plan whose beneficiaries are paid £60, £70, … in the order given. */
async function approvedCycle(options: { people: number; carryOverUnpaid?: boolean; beneficiaries?: Beneficiary[] }) {
  const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
  const plan = await makePlan(db(), { rule: RULE, carryOverUnpaid: options.carryOverUnpaid ?? true });
  const people = await enrol(
    db(),
    plan.benefitPlan.id,
    Array.from({ length: options.people }, (_, i) => ({
      attributes: { "Household size": i + 1 },
      ...options.beneficiaries?.[i],
    })),
  );
  const { cycleId } = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-11-01",
    actor: maker,
    now: NOW,
  });
  await approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW });
  const payments = await cyclePayments(db(), cycleId);
  const ids = people.map((p) => payments.get(p.personId)!.id);
  /** What the bank and the Post Office then said, as the runs and uploads would record it. */
  const settle = async (outcomes: Outcome[]) => {
    for (const [i, outcome] of outcomes.entries()) {
      await forcePaymentUpdate(db(), { where: { id: ids[i] }, data: { ...outcome } });
    }
  };
  const version = async () => (await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).version;
  return { maker, checker, plan, people, cycleId, ids, settle, version };
}

const reconcile = (cycleId: string, expectedVersion: number, actor: { id: string; email: string; name: string }, now = LATER) =>
  reconcileCycle({ db: db(), cycleId, expectedVersion, actor, now });

describe("reconciling a cycle", () => {
  it("is refused while payments are new or sent, then done by an accountant, with the figures exact", async () => {
    const c = await approvedCycle({ people: 9 });
    await expect(reconcile(c.cycleId, await c.version(), c.maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "9 payments are still waiting for a run: a cycle is reconciled once no payment is new or sent.",
    });

    // £60 paid, £70 cashed, £80 failed, £90 expired, £100 cancelled by the Post Office, £110 sent,
    // £120 a rejected suspended payment, £130 paid, £140 still new.
    await c.settle([
      { status: "PAID" },
      { status: "CASHED" },
      { status: "FAILED" },
      { status: "EXPIRED" },
      { status: "CANCELLED", cancelReason: POST_OFFICE_CANCEL_REASON },
      { status: "SENT" },
      { status: "CANCELLED", cancelReason: `${SUSPENDED_REJECTED_CANCEL_PREFIX}not eligible` },
      { status: "PAID" },
      { status: "NEW" },
    ]);
    const before = await loadCycleReconciliation(db(), c.cycleId);
    expect(before?.figures).toEqual({
      PAID: { payments: 2, totalPence: 6000 + 13000 },
      CASHED: { payments: 1, totalPence: 7000 },
      FAILED: { payments: 1, totalPence: 8000 },
      EXPIRED: { payments: 1, totalPence: 9000 },
      POST_OFFICE_CANCELLED: { payments: 1, totalPence: 10000 },
      SENT: { payments: 1, totalPence: 11000 },
      CANCELLED: { payments: 1, totalPence: 12000 },
      NEW: { payments: 1, totalPence: 14000 },
    });
    expect(before?.cycle).toMatchObject({
      status: "APPROVED",
      carryOverUnpaid: true,
      reconciledAt: null,
      reconciledByName: null,
    });
    await expect(reconcile(c.cycleId, await c.version(), c.maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message:
        "1 payment is still sent and not yet settled, and 1 payment is still waiting for a run: a cycle is reconciled once no payment is new or sent.",
    });

    // The sent one is paid (no failure reported: settled) and the new one failed.
    await forcePaymentUpdate(db(), { where: { id: c.ids[5] }, data: { status: "PAID" } });
    await forcePaymentUpdate(db(), { where: { id: c.ids[8] }, data: { status: "FAILED" } });
    const version = await c.version();
    const outcome = await reconcile(c.cycleId, version, c.maker);
    expect(outcome).toEqual({
      settled: { payments: 4, totalPence: 6000 + 7000 + 11000 + 13000 },
      unpaid: { payments: 4, totalPence: 8000 + 9000 + 10000 + 14000 },
      carried: { payments: 0, totalPence: 0 },
      cancelled: { payments: 1, totalPence: 12000 },
      outstanding: { payments: 0, totalPence: 0 },
    });

    expect(await db().paymentCycle.findUniqueOrThrow({ where: { id: c.cycleId } })).toMatchObject({
      status: "RECONCILED",
      reconciledById: c.maker.id,
      reconciledAt: LATER,
      version: version + 1,
    });
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId: c.cycleId, kind: "cycle.reconciled" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: c.maker.id,
      at: LATER,
      summary:
        "Cycle reconciled: 4 payments settled (£370.00); 4 payments unpaid (£410.00); 1 payment cancelled (£120.00). " +
        "The plan carries unpaid amounts over: the 4 unpaid payments (£410.00) will be carried into the next cycle created, for people still enrolled; any other is listed for action.",
    });
    const audit = await db().auditLog.findMany({ where: { entityId: c.cycleId, action: "cycle.reconciled" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: c.maker.id,
      entityType: "PaymentCycle",
      before: { status: "APPROVED", version },
      after: { status: "RECONCILED", settled: { payments: 4, totalPence: 37000 }, unpaid: { payments: 4, totalPence: 41000 } },
    });
    // Nothing moved: reconciling moves no money.
    expect((await cyclePayments(db(), c.cycleId)).get(c.people[2].personId)?.status).toBe("FAILED");

    const after = await loadCycleReconciliation(db(), c.cycleId);
    expect(after?.cycle).toMatchObject({ status: "RECONCILED", reconciledAt: LATER, reconciledByName: "Accountant" });
    expect(after?.lateFailures).toBe(0);
    expect((await listCycles(db())).find((r) => r.id === c.cycleId)).toMatchObject({
      status: "RECONCILED",
      reconciledAt: LATER,
      lateFailures: 0,
    });

    // Once is enough; an older view is told the cycle changed.
    await expect(reconcile(c.cycleId, version + 1, c.checker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "This cycle is reconciled already.",
    });
    await expect(reconcile(c.cycleId, version, c.checker)).rejects.toMatchObject({ code: "STALE" });
  });

  it("is refused for a cycle that is not approved yet", async () => {
    const maker = await makeAccountant(db());
    const plan = await makePlan(db(), { rule: RULE });
    await enrol(db(), plan.benefitPlan.id, [{}]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    await expect(reconcile(cycleId, 0, maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "This cycle is waiting for approval: only an approved cycle is reconciled, once its payments are settled.",
    });
    expect((await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).status).toBe("PENDING_APPROVAL");
  });

  it("is done once when two accountants reconcile at the same time", async () => {
    const c = await approvedCycle({ people: 3 });
    await c.settle([{ status: "PAID" }, { status: "PAID" }, { status: "CASHED" }]);
    const version = await c.version();
    const results = await Promise.allSettled([reconcile(c.cycleId, version, c.maker), reconcile(c.cycleId, version, c.checker)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: "STALE",
      message: "This cycle changed while you were looking at it (it is now reconciled). Nothing was changed: look at it again.",
    });
    expect(await db().paymentCycleEvent.count({ where: { cycleId: c.cycleId, kind: "cycle.reconciled" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: c.cycleId, action: "cycle.reconciled" } })).toBe(1);
    expect((await db().paymentCycle.findUniqueOrThrow({ where: { id: c.cycleId } })).version).toBe(version + 1);
  });
});

describe("the unpaid payments", () => {
  it("are listed by reference, page by page, each carried or for action, and not once carried", async () => {
    const c = await approvedCycle({
      people: 6,
      beneficiaries: [{}, {}, { enrolledTo: "2026-11-30" }, {}, {}, {}],
    });
    await c.settle([
      { status: "FAILED" },
      { status: "EXPIRED" },
      { status: "FAILED" },
      { status: "CANCELLED", cancelReason: POST_OFFICE_CANCEL_REASON },
      { status: "PAID" },
      { status: "CARRIED_OVER" },
    ]);
    const references = new Map(c.people.map((p) => [`${p.reference}-202611`, p]));
    const sorted = [...references.keys()].sort();
    const page1 = await listUnpaidPayments(db(), { cycleId: c.cycleId, pageSize: 2 });
    const page2 = await listUnpaidPayments(db(), { cycleId: c.cycleId, after: page1.next, pageSize: 2 });
    expect(page2.next).toBeUndefined();
    const rows = [...page1.rows, ...page2.rows];
    const unpaidIndexes = [0, 1, 2, 3];
    expect(rows.map((r) => r.reference)).toEqual(
      sorted.filter((ref) => unpaidIndexes.includes(c.people.indexOf(references.get(ref)!))),
    );
    const back = await listUnpaidPayments(db(), { cycleId: c.cycleId, before: page2.previous, pageSize: 2 });
    expect(back.rows.map((r) => r.reference)).toEqual(page1.rows.map((r) => r.reference));

    const byPerson = new Map(rows.map((r) => [references.get(r.reference)!.personId, r]));
    expect(byPerson.get(c.people[0].personId)).toMatchObject({
      category: "FAILED",
      amountPence: 6000,
      outcome: { carried: true, words: "Will be carried into the next cycle" },
    });
    expect(byPerson.get(c.people[1].personId)).toMatchObject({ category: "EXPIRED", outcome: { carried: true } });
    expect(byPerson.get(c.people[2].personId)?.outcome).toEqual({
      carried: false,
      words:
        "For action (not carried: the enrolment ended on 30 November 2026): contact the person: their bank rejected the payment (they have been asked for new bank details)",
    });
    expect(byPerson.get(c.people[3].personId)).toMatchObject({ category: "POST_OFFICE_CANCELLED", amountPence: 9000 });
  });

  it("are for action when the plan does not carry unpaid amounts over", async () => {
    const c = await approvedCycle({ people: 2, carryOverUnpaid: false });
    await c.settle([{ status: "EXPIRED" }, { status: "CASHED" }]);
    const { rows } = await listUnpaidPayments(db(), { cycleId: c.cycleId, pageSize: 10 });
    expect(rows.map((r) => r.outcome)).toEqual([
      { carried: false, words: "For action: contact the person: their voucher expired uncashed" },
    ]);
  });
});
