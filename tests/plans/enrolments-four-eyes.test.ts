// Four eyes on a beneficiary's bank details and payment method: what one plan manager proposes waits
// for a second, who alone sees new bank details in full; the maker can never decide their own
// change; meanwhile the person's unsent payments are held (set-based, through movePayments, so each
// hold and release is in the payment's history) and released when the change is decided. A payment
// released from one hold while another change still waits is held again for that one.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideBeneficiaryBankDetails, proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { cycleScope, holdForPendingChanges } from "@/lib/plans/enrolments/beneficiary-holds";
import { decidePaymentMethod } from "@/lib/plans/enrolments/decide-payment-method";
import { loadBeneficiary } from "@/lib/plans/enrolments/load-beneficiary";
import { proposePaymentMethod } from "@/lib/plans/enrolments/propose-payment-method";
import { VALID_BANK } from "../support/make-claim";
import { makeCycle, makeCyclePayment, type TestCycle } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { BANK_FIELDS, dateFields, enrol, NEW_PERSON, planManager, reader } from "./enrolments-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-28T10:00:00.000Z");

/** A cycle of a fresh plan, and a person enrolled in its benefit plan by `maker`, paid as given, no bank details. */
async function beneficiary(maker: StaffMember, method: "BANK" | "CASH" = "CASH") {
  const cycle = await makeCycle(db(), { status: "APPROVED", createdById: maker.id });
  const code = cycle.benefitPlan.code;
  const { reference } = await enrol(db(), key, {
    planCode: code,
    actor: maker,
    fields: { ...NEW_PERSON, paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-01-01") },
  });
  const person = await db().claimant.findUniqueOrThrow({ where: { reference } });
  // A beneficiary of some standing: a second plan manager approved their first method (below, what that takes).
  await db().enrolment.updateMany({
    where: { personId: person.id },
    data: { pendingPaymentMethod: null, pendingMethodProposedById: null, pendingMethodProposedAt: null },
  });
  if (method === "BANK") {
    await db().bankDetails.create({ data: { claimantId: person.id, ciphertext: encryptBankDetails(VALID_BANK, key) } });
    await db().enrolment.updateMany({ where: { personId: person.id }, data: { paymentMethod: "BANK" } });
  }
  return { cycle, code, reference, person };
}

/** Another cycle (the next month) of the same payment plan, for a second payment to the same person. */
async function nextCycle(cycle: TestCycle, status: "PENDING_APPROVAL" | "APPROVED"): Promise<TestCycle> {
  const next = await db().paymentCycle.create({
    data: {
      paymentPlanId: cycle.paymentPlan.id,
      planVersionId: cycle.version.id,
      periodStart: new Date("2026-12-01"),
      periodEnd: new Date("2026-12-31"),
      status,
      createdById: cycle.cycle.createdById,
    },
  });
  return { ...cycle, cycle: next, periodStart: "2026-12-01" };
}

async function holdOf(id: string) {
  return (await db().payment.findUniqueOrThrow({ where: { id } })).holdReason;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function historyOf(db: PrismaClient, paymentId: string) {
  const rows = await db.paymentStatusHistory.findMany({ where: { paymentId }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.holdReason, r.actorLabel]);
}

describe("a beneficiary's new bank details", () => {
  it("wait for a second plan manager, who alone sees them in full; payments are held until then", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const { cycle, code, reference, person } = await beneficiary(maker);
    const { payment: cyclePayment } = await makeCyclePayment(db(), key, { cycle, person, method: "BANK", status: "NEW" });
    const claimPayment = await claimPaymentOf(person.id);
    const { payment: cashPayment } = await makeCyclePayment(db(), key, {
      cycle: await nextCycle(cycle, "APPROVED"),
      person,
      method: "CASH",
      status: "NEW",
    });

    const { heldPayments } = await proposeBeneficiaryBankDetails({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      planCode: code,
      personReference: reference,
      read: reader(BANK_FIELDS),
      actor: maker,
      now: NOW,
    });
    // The person's bank payments, of the cycle and of a claim alike; never the cash one.
    expect(heldPayments).toBe(2);
    expect([await holdOf(cyclePayment.id), await holdOf(claimPayment.id), await holdOf(cashPayment.id)]).toEqual([
      "BANK_DETAILS_CHANGE_PENDING",
      "BANK_DETAILS_CHANGE_PENDING",
      null,
    ]);
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });

    const decide = (actor: StaffMember, approve: boolean) =>
      decideBeneficiaryBankDetails({
        db: db(),
        key,
        planCode: code,
        personReference: reference,
        changeId: change.id,
        approve,
        actor,
        now: NOW,
      });
    const own = await refusal(decide(maker, true));
    expect(own.code).toBe("FORBIDDEN");
    expect(own.message).toBe("You proposed these bank details, so another plan manager must approve or reject them.");
    expect(await db().bankDetailChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: "PENDING" });
    expect(await holdOf(cyclePayment.id)).toBe("BANK_DETAILS_CHANGE_PENDING");

    // In full for the checker only: the maker and an accountant see them masked.
    const accountant = await makeUser(db(), { role: "ACCOUNTANT" });
    const shown = async (viewer: { id: string; role: "PLAN_MANAGER" | "ACCOUNTANT" }) =>
      (await loadBeneficiary({ db: db(), key, planCode: code, personReference: reference, viewer, today: "2026-11-28" }))!
        .pendingBankDetails!.details;
    expect(await shown({ id: checker.id, role: "PLAN_MANAGER" })).toMatchObject({
      sortCode: "200000",
      accountNumber: "55779911",
      masked: false,
    });
    for (const viewer of [
      { id: maker.id, role: "PLAN_MANAGER" as const },
      { id: accountant.id, role: "ACCOUNTANT" as const },
    ]) {
      expect(await shown(viewer)).toMatchObject({ sortCode: "20-**-**", accountNumber: "*****911", masked: true });
    }

    await decide(checker, true);
    expect(await db().bankDetailChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({
      status: "APPROVED",
      decidedById: checker.id,
    });
    expect(await db().bankDetails.count({ where: { claimantId: person.id } })).toBe(1);
    expect([await holdOf(cyclePayment.id), await holdOf(claimPayment.id)]).toEqual([null, null]);
    expect(await historyOf(db(), cyclePayment.id)).toEqual([
      ["payment.held", "BANK_DETAILS_CHANGE_PENDING", maker.email],
      ["payment.released", null, checker.email],
    ]);
    const audit = await db().auditLog.findMany({
      where: { entityType: "Claimant", entityId: person.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["person.created", maker.id],
      ["bank-details.proposed", maker.id],
      ["bank-details.approved", checker.id],
    ]);
  });

  it("rejected, leave the details on record unchanged and release the payments", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const { cycle, code, reference, person } = await beneficiary(maker, "BANK");
    const { payment } = await makeCyclePayment(db(), key, { cycle, person, method: "BANK", status: "NEW" });
    await proposeBeneficiaryBankDetails({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      planCode: code,
      personReference: reference,
      read: reader({ nameOnAccount: "Someone Else", sortCode: "200000", accountNumber: "55779911" }),
      actor: maker,
      now: NOW,
    });
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });
    const before = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: person.id } });
    await decideBeneficiaryBankDetails({
      db: db(),
      key,
      planCode: code,
      personReference: reference,
      changeId: change.id,
      approve: false,
      actor: checker,
      now: NOW,
    });
    expect((await db().bankDetails.findUniqueOrThrow({ where: { claimantId: person.id } })).ciphertext).toBe(before.ciphertext);
    expect(await holdOf(payment.id)).toBeNull();
  });
});

describe("a beneficiary's new payment method", () => {
  it("waits for a second plan manager; approved, the enrolment and its unsent payments change method", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const { cycle, code, reference, person } = await beneficiary(maker);
    const { payment: waiting } = await makeCyclePayment(db(), key, { cycle, person, method: "CASH", status: "NEW" });
    const { payment: draft } = await makeCyclePayment(db(), key, {
      cycle: await nextCycle(cycle, "PENDING_APPROVAL"),
      person,
      method: "CASH",
      status: "DRAFT",
    });
    const propose = (method: "BANK" | "CASH", actor: StaffMember) =>
      proposePaymentMethod({ db: db(), planCode: code, personReference: reference, method, actor, now: NOW });
    const decide = (approve: boolean, actor: StaffMember) =>
      decidePaymentMethod({ db: db(), planCode: code, personReference: reference, approve, actor, now: NOW });

    expect((await refusal(propose("BANK", maker))).fieldErrors).toEqual({
      paymentMethod: ["This person has no bank details: add them before changing to bank transfer"],
    });
    expect((await refusal(propose("CASH", maker))).fieldErrors).toEqual({
      paymentMethod: [`${reference} is already paid by cash at a post office`],
    });
    await db().bankDetails.create({ data: { claimantId: person.id, ciphertext: encryptBankDetails(VALID_BANK, key) } });

    expect(await propose("BANK", maker)).toEqual({ heldPayments: 1 });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "CASH",
      pendingPaymentMethod: "BANK",
      pendingMethodProposedById: maker.id,
    });
    // A draft is in no run until its cycle is approved: only the waiting payment needs holding.
    expect([await holdOf(waiting.id), await holdOf(draft.id)]).toEqual(["PAYMENT_METHOD_CHANGE_PENDING", null]);

    const own = await refusal(decide(true, maker));
    expect([own.code, own.message]).toEqual([
      "FORBIDDEN",
      "You proposed this payment method, so another plan manager must approve or reject it.",
    ]);
    expect(await decide(true, checker)).toEqual({ releasedPayments: 1 });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
      pendingMethodProposedById: null,
    });
    const after = await db().payment.findMany({ where: { id: { in: [waiting.id, draft.id] } }, orderBy: { status: "asc" } });
    expect(after.map((p) => [p.status, p.method, p.holdReason])).toEqual([
      ["NEW", "BANK", null],
      ["DRAFT", "BANK", null],
    ]);
    const audit = await db().auditLog.findMany({
      where: { action: { startsWith: "enrolment.payment-method" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["enrolment.payment-method-proposed", maker.id],
      ["enrolment.payment-method-approved", checker.id],
    ]);

    // Rejected: the method stays, the payments go ahead as they were.
    await propose("CASH", checker);
    expect(await holdOf(waiting.id)).toBe("PAYMENT_METHOD_CHANGE_PENDING");
    await decide(false, maker);
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
    });
    const kept = await db().payment.findUniqueOrThrow({ where: { id: waiting.id } });
    expect([kept.method, kept.holdReason]).toEqual(["BANK", null]);
  });

  it("keeps a payment held when new bank details are approved while a new method still waits", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const { cycle, code, reference, person } = await beneficiary(maker, "BANK");
    const { payment } = await makeCyclePayment(db(), key, { cycle, person, method: "BANK", status: "NEW" });
    await proposeBeneficiaryBankDetails({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      planCode: code,
      personReference: reference,
      read: reader(BANK_FIELDS),
      actor: maker,
      now: NOW,
    });
    await proposePaymentMethod({ db: db(), planCode: code, personReference: reference, method: "CASH", actor: maker, now: NOW });
    expect(await holdOf(payment.id)).toBe("BANK_DETAILS_CHANGE_PENDING");
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });
    await decideBeneficiaryBankDetails({
      db: db(),
      key,
      planCode: code,
      personReference: reference,
      changeId: change.id,
      approve: true,
      actor: checker,
      now: NOW,
    });
    expect(await holdOf(payment.id)).toBe("PAYMENT_METHOD_CHANGE_PENDING");
    await decidePaymentMethod({ db: db(), planCode: code, personReference: reference, approve: true, actor: checker, now: NOW });
    const paid = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect([paid.method, paid.holdReason]).toEqual(["CASH", null]);
    expect((await historyOf(db(), payment.id)).map(([action, reason]) => `${action} ${reason}`)).toEqual([
      "payment.held BANK_DETAILS_CHANGE_PENDING",
      "payment.released null",
      "payment.held PAYMENT_METHOD_CHANGE_PENDING",
      "payment.released null",
    ]);
  });
});

describe("a new enrolment's payment method", () => {
  it("waits for a second plan manager with its payments held; it can be approved or replaced, never rejected", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const cycle = await makeCycle(db(), { status: "APPROVED", createdById: maker.id });
    // Someone already on record with a waiting payment of the plan's cycle (and approved bank details).
    const { payment, person } = await makeCyclePayment(db(), key, { cycle, method: "CASH", status: "NEW" });
    const code = cycle.benefitPlan.code;
    await enrol(db(), key, {
      planCode: code,
      actor: maker,
      fields: {
        personChoice: "EXISTING",
        personReference: person.reference!,
        paymentMethod: "CASH",
        ...dateFields("enrolledFrom", "2026-01-01"),
      },
    });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "CASH",
      pendingPaymentMethod: "CASH",
      pendingMethodProposedById: maker.id,
    });
    expect(await holdOf(payment.id)).toBe("PAYMENT_METHOD_CHANGE_PENDING");

    const decide = (approve: boolean, actor: StaffMember) =>
      decidePaymentMethod({ db: db(), planCode: code, personReference: person.reference!, approve, actor, now: NOW });
    expect((await refusal(decide(true, maker))).code).toBe("FORBIDDEN");
    const rejected = await refusal(decide(false, checker));
    expect([rejected.code, rejected.message]).toEqual([
      "INVALID_STATE",
      "This is a new enrolment's first payment method, so there is none to fall back to: approve it, or propose the other method instead (or end the enrolment).",
    ]);
    // Replaced, it is still the first method: nothing stays in force unapproved.
    await proposePaymentMethod({
      db: db(),
      planCode: code,
      personReference: person.reference!,
      method: "BANK",
      actor: maker,
      now: NOW,
    });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: "BANK",
    });
    expect((await refusal(decide(false, checker))).code).toBe("INVALID_STATE");

    expect(await decide(true, checker)).toEqual({ releasedPayments: 1 });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
    });
    const after = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect([after.method, after.holdReason]).toEqual(["BANK", null]);
  });
});

describe("holdForPendingChanges on a cycle", () => {
  it("holds the cycle's waiting payments of people with a change pending, in one call, and no others", async () => {
    const maker = await planManager(db());
    const first = await beneficiary(maker, "BANK");
    const { payment: pending } = await makeCyclePayment(db(), key, { cycle: first.cycle, person: first.person, status: "NEW" });
    const { payment: other } = await makeCyclePayment(db(), key, { cycle: first.cycle, status: "NEW" });
    // As a cycle's approval would leave it: the change proposed while the payment was a draft.
    await db().enrolment.updateMany({
      where: { personId: first.person.id },
      data: { pendingPaymentMethod: "CASH", pendingMethodProposedById: maker.id, pendingMethodProposedAt: NOW },
    });
    const held = await db().$transaction((tx) =>
      holdForPendingChanges(tx, { scope: cycleScope(first.cycle.cycle.id), actor: { system: "test" }, now: NOW }),
    );
    expect(held).toEqual({ bankDetails: 0, paymentMethod: 1, personDetails: 0 });
    expect([await holdOf(pending.id), await holdOf(other.id)]).toEqual(["PAYMENT_METHOD_CHANGE_PENDING", null]);
  });
});

/** A claim of the person's with a waiting bank payment (a person can be a claimant and a beneficiary). */
async function claimPaymentOf(personId: string) {
  const claim = await db().claim.create({
    data: {
      reference: `C${randomBytes(3).toString("hex").toUpperCase()}`.slice(0, 7),
      claimantId: personId,
      eventDate: new Date("2026-11-01"),
      paymentMethod: "BANK",
      source: "API",
      status: "APPROVED",
    },
  });
  return db().payment.create({
    data: { reference: `${claim.reference}-01`, personId, claimId: claim.id, method: "BANK", amountPence: 1240, status: "NEW" },
  });
}
