// Maker-checker on a payment cycle: suspended payments decided by an accountant (at the full
// amount, at the plan's limit, or rejected), the cycle approved by another one (never its maker, nor
// whoever approved a suspended payment in it, never while one is still suspended, once even when two
// approve at once), or rejected with a reason and its payroll rebuilt.
import { describe, expect, it } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { loadCycleState } from "@/lib/plans/cycles/lock-cycle";
import { rebuildPayroll } from "@/lib/plans/cycles/rebuild-payroll";
import { rejectCycle } from "@/lib/plans/cycles/reject-cycle";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { useTestDatabase } from "../support/test-db";
import { addVersion, cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00Z");

/** £50 base, £30 more for a household of 3 or more; payments above £60 are suspended. */
const RULE: CalculationRule = {
  baseAmountPence: 5000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 3000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: null,
  limitPence: 6000,
};

async function setUp(households: number[], rule: CalculationRule = RULE) {
  const [maker, checker, other] = [await makeAccountant(db()), await makeAccountant(db()), await makeAccountant(db())];
  const plan = await makePlan(db(), { rule });
  const people = await enrol(
    db(),
    plan.benefitPlan.id,
    households.map((n) => ({ attributes: { "Household size": n } })),
  );
  const { cycleId } = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-11-01",
    actor: maker,
    now: NOW,
  });
  const version = async () => (await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).version;
  const payments = () => cyclePayments(db(), cycleId);
  const suspendedIds = async () => [...(await payments()).values()].filter((p) => p.status === "SUSPENDED").map((p) => p.id);
  return { maker, checker, other, plan, people, cycleId, version, payments, suspendedIds };
}

const decide = (
  cycleId: string,
  paymentIds: string[],
  decision: "APPROVE_FULL" | "APPROVE_AT_LIMIT" | "REJECT",
  actor: StaffMember,
  note = "Checked the household's letter",
) => decideSuspendedPayments({ db: db(), cycleId, paymentIds, decision, note, actor, now: NOW });

describe("suspended payments", () => {
  it("approves at the full amount, at the limit (a line takes off the excess), or rejects, in bulk, each with the note", async () => {
    const s = await setUp([1, 3, 4, 5, 6]);
    const [full, atLimit, r1, r2] = await s.suspendedIds();
    expect(await s.suspendedIds()).toHaveLength(4);

    expect(await decide(s.cycleId, [full], "APPROVE_FULL", s.other)).toEqual({ decided: 1, alreadyDecided: 0 });
    expect(await decide(s.cycleId, [atLimit, full], "APPROVE_AT_LIMIT", s.other, "Capped as agreed")).toEqual({
      decided: 1,
      alreadyDecided: 1,
    });
    expect(await decide(s.cycleId, [r1, r2], "REJECT", s.checker, "Not eligible this month")).toEqual({
      decided: 2,
      alreadyDecided: 0,
    });

    const byId = new Map([...(await s.payments()).values()].map((p) => [p.id, p]));
    expect(byId.get(full)).toMatchObject({ status: "DRAFT", amountPence: 8000 });
    expect(byId.get(atLimit)).toMatchObject({ status: "DRAFT", amountPence: 6000 });
    expect(byId.get(atLimit)!.lines.map((l) => [l.kind, l.amountPence])).toEqual([
      ["BASE", 5000],
      ["CONDITIONAL", 3000],
      ["LIMIT", -2000],
    ]);
    expect(byId.get(atLimit)!.lines[2].label).toBe("Cut to the plan's per-payment limit of £60.00");
    for (const id of [r1, r2]) {
      expect(byId.get(id)).toMatchObject({
        status: "CANCELLED",
        cancelReason: "Suspended payment rejected: Not eligible this month",
      });
    }
    const history = await db().paymentStatusHistory.findMany({
      where: { paymentId: { in: [full, atLimit, r1] }, fromStatus: "SUSPENDED" },
      orderBy: { id: "asc" },
      select: { paymentId: true, action: true, toStatus: true, reason: true, actorId: true },
    });
    expect(history).toEqual([
      {
        paymentId: full,
        action: "payment.suspended-approved",
        toStatus: "DRAFT",
        reason: "Checked the household's letter",
        actorId: s.other.id,
      },
      {
        paymentId: atLimit,
        action: "payment.suspended-approved",
        toStatus: "DRAFT",
        reason: "Capped as agreed",
        actorId: s.other.id,
      },
      {
        paymentId: r1,
        action: "payment.suspended-rejected",
        toStatus: "CANCELLED",
        reason: "Suspended payment rejected: Not eligible this month",
        actorId: s.checker.id,
      },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: atLimit, action: "payment.suspended-approved" } });
    expect(audit.after).toMatchObject({
      status: "DRAFT",
      amountBeforePence: 8000,
      amountPence: 6000,
      reason: "Capped as agreed",
    });
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId: s.cycleId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.summary).slice(1)).toEqual([
      "1 suspended payment approved at the full amount: Checked the household's letter",
      "1 suspended payment approved at the plan's limit of £60.00: Capped as agreed",
      "2 suspended payments rejected: Not eligible this month",
    ]);
    await expect(decide(s.cycleId, [full], "REJECT", s.other)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("refuses approval at the limit when the plan has none", async () => {
    const s = await setUp([5], { ...RULE, limitPence: null });
    const all = [...(await s.payments()).values()].map((p) => p.id);
    await expect(decide(s.cycleId, all, "APPROVE_AT_LIMIT", s.other)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("approving a cycle", () => {
  it("is refused while a payment is suspended, to its maker, and to whoever approved a suspended payment in it", async () => {
    const s = await setUp([1, 5]);
    const approve = async (actor: StaffMember) =>
      approveCycle({ db: db(), cycleId: s.cycleId, expectedVersion: await s.version(), actor, now: NOW });

    await expect(approve(s.checker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "1 payment is still suspended: approve or reject it first.",
    });
    await decide(s.cycleId, await s.suspendedIds(), "APPROVE_FULL", s.other);
    await expect(approve(s.maker)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You built this cycle's payroll: another accountant must approve or reject it.",
    });
    await expect(approve(s.other)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You approved a suspended payment in this cycle: another accountant must approve or reject it.",
    });
    await expect(
      rejectCycle({
        db: db(),
        cycleId: s.cycleId,
        expectedVersion: await s.version(),
        reason: "Wrong rule",
        actor: s.other,
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Nothing moved.
    expect([...(await s.payments()).values()].map((p) => p.status).sort()).toEqual(["DRAFT", "DRAFT"]);

    expect(await approve(s.checker)).toEqual({ released: 2, held: 0 });
    const cycle = await db().paymentCycle.findUniqueOrThrow({ where: { id: s.cycleId } });
    expect(cycle).toMatchObject({ status: "APPROVED", decidedById: s.checker.id });
    expect([...(await s.payments()).values()].map((p) => p.status)).toEqual(["NEW", "NEW"]);
    const history = await db().paymentStatusHistory.findMany({
      where: { action: "payment.payroll-released", payment: { cycleId: s.cycleId } },
    });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorId])).toEqual([
      ["DRAFT", "NEW", s.checker.id],
      ["DRAFT", "NEW", s.checker.id],
    ]);
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId: s.cycleId }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({
      kind: "cycle.approved",
      actorId: s.checker.id,
      summary: "Cycle approved: 2 payments are ready for the bank and Payout runs.",
    });
    expect(await db().auditLog.count({ where: { entityId: s.cycleId, action: "cycle.approved", actorId: s.checker.id } })).toBe(
      1,
    );
  });

  it("makes one approval when two accountants approve at once", async () => {
    const s = await setUp([1, 2, 1, 2]);
    const seen = await s.version();
    const outcomes = await Promise.allSettled(
      [s.checker, s.other].map((actor) => approveCycle({ db: db(), cycleId: s.cycleId, expectedVersion: seen, actor, now: NOW })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "STALE" });
    expect(
      await db().paymentStatusHistory.count({ where: { action: "payment.payroll-released", payment: { cycleId: s.cycleId } } }),
    ).toBe(4);
    expect(await db().paymentCycleEvent.count({ where: { cycleId: s.cycleId, kind: "cycle.approved" } })).toBe(1);
  });

  it("holds a payment whose beneficiary's new payment method or bank details wait for a second plan manager, or their new name or address for a second caseworker", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const plan = await makePlan(db());
    const [waiting, settled, newBank, moving] = await enrol(db(), plan.benefitPlan.id, [
      { method: "CASH", pendingPaymentMethod: "BANK" },
      {},
      {},
      {},
    ]);
    await db().bankDetailChange.create({ data: { claimantId: newBank.personId, ciphertext: "not read here" } });
    const proposer = await db().user.create({
      data: { email: `cw-${moving.personId}@example.test`, name: "Caseworker", role: "CASEWORKER", passwordHash: "x" },
    });
    await db().personDetailsChange.create({
      data: {
        claimantId: moving.personId,
        firstName: "Ada",
        lastName: "King",
        addressLine1: "2 Park Row",
        town: "Leeds",
        postcode: "LS1 5AB",
        country: "England",
        proposedById: proposer.id,
      },
    });
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    expect(await approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW })).toEqual({
      released: 4,
      held: 3,
    });
    const payments = await cyclePayments(db(), cycleId);
    expect(payments.get(waiting.personId)).toMatchObject({
      status: "NEW",
      method: "CASH",
      holdReason: "PAYMENT_METHOD_CHANGE_PENDING",
    });
    expect(payments.get(settled.personId)).toMatchObject({ status: "NEW", method: "BANK", holdReason: null });
    expect(payments.get(newBank.personId)).toMatchObject({ status: "NEW", holdReason: "BANK_DETAILS_CHANGE_PENDING" });
    expect(payments.get(moving.personId)).toMatchObject({ status: "NEW", holdReason: "PERSON_DETAILS_CHANGE_PENDING" });
  });
});

describe("rejecting a cycle and rebuilding its payroll", () => {
  it("needs a reason; the rebuild works the payroll out again in place and sends it back for approval", async () => {
    const s = await setUp([1, 5, 2]);
    const [low, high, leaving] = s.people;
    const before = await s.payments();
    // A suspended payment rejected before the cycle was: it stays rejected, the person is not paid again.
    await decide(s.cycleId, [before.get(high.personId)!.id], "REJECT", s.other, "Duplicate household");

    await rejectCycle({
      db: db(),
      cycleId: s.cycleId,
      expectedVersion: await s.version(),
      reason: "Rule out of date",
      actor: s.checker,
      now: NOW,
    });
    expect(await db().paymentCycle.findUniqueOrThrow({ where: { id: s.cycleId } })).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Rule out of date",
      decidedById: s.checker.id,
    });
    await expect(
      approveCycle({ db: db(), cycleId: s.cycleId, expectedVersion: await s.version(), actor: s.checker, now: NOW }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });

    // Meanwhile a plan manager raises the base amount, and one beneficiary's enrolment ends before the period.
    await addVersion(db(), s.plan.paymentPlan.id, { ...RULE, baseAmountPence: 5500 }, 2);
    await db().enrolment.update({ where: { id: leaving.enrolmentId }, data: { enrolledTo: new Date("2026-10-31T00:00:00Z") } });
    const newcomer = (await enrol(db(), s.plan.benefitPlan.id, [{ attributes: { "Household size": 1 } }]))[0];

    const rebuilt = await rebuildPayroll({
      db: db(),
      cycleId: s.cycleId,
      expectedVersion: await s.version(),
      actor: s.other,
      now: NOW,
    });
    expect(rebuilt).toMatchObject({
      payrollVersion: 2,
      totals: { payments: 2, cancelled: 1, alreadyCancelled: 1, totalPence: 11000 },
    });
    const after = await s.payments();
    expect(after.get(low.personId)).toMatchObject({ id: before.get(low.personId)!.id, status: "DRAFT", amountPence: 5500 });
    expect(after.get(low.personId)!.lines.map((l) => l.amountPence)).toEqual([5500]);
    expect(after.get(high.personId)).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Suspended payment rejected: Duplicate household",
    });
    expect(after.get(leaving.personId)).toMatchObject({ status: "CANCELLED", cancelReason: "Payroll rebuilt" });
    expect(after.get(newcomer.personId)).toMatchObject({ status: "DRAFT", amountPence: 5500 });
    const cycle = await db().paymentCycle.findUniqueOrThrow({ where: { id: s.cycleId }, include: { planVersion: true } });
    expect(cycle).toMatchObject({ status: "PENDING_APPROVAL", payrollVersion: 2, rejectionReason: null, decidedById: null });
    expect(cycle.planVersion.version).toBe(2);
    const recomputed = await db().auditLog.findFirstOrThrow({
      where: { entityId: before.get(low.personId)!.id, action: "payment.rebuilt" },
    });
    expect(recomputed.after).toMatchObject({ amountBeforePence: 5000, amountPence: 5500 });

    // Whoever rebuilt it is a maker now, as are its creator and the one who decided a suspended payment (a rejection
    // does not count); the accountant who rejected it may approve the rebuilt payroll.
    const state = await loadCycleState(db(), s.cycleId, { lock: false });
    expect(state).toMatchObject({ rebuiltByIds: [s.other.id], suspendedApproverIds: [], suspendedCount: 0 });
    await expect(
      approveCycle({ db: db(), cycleId: s.cycleId, expectedVersion: await s.version(), actor: s.other, now: NOW }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await approveCycle({ db: db(), cycleId: s.cycleId, expectedVersion: await s.version(), actor: s.checker, now: NOW }),
    ).toEqual({
      released: 2,
      held: 0,
    });
    const events = await db().paymentCycleEvent.findMany({ where: { cycleId: s.cycleId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.kind)).toEqual([
      "cycle.created",
      "cycle.suspended-rejected",
      "cycle.rejected",
      "cycle.rebuilt",
      "cycle.approved",
    ]);
  });

  it("refuses a rebuild of a cycle that is not rejected, and a decision on a version no longer current", async () => {
    const s = await setUp([1]);
    await expect(
      rebuildPayroll({ db: db(), cycleId: s.cycleId, expectedVersion: await s.version(), actor: s.maker, now: NOW }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(
      rejectCycle({ db: db(), cycleId: s.cycleId, expectedVersion: 7, reason: "Wrong rule", actor: s.checker, now: NOW }),
    ).rejects.toMatchObject({ code: "STALE" });
  });
});
